//! The 2025-03-26 revision's way, for a client that follows it when no
//! protected resource metadata exists: the authorization server's metadata
//! at the MCP URL's origin, else its default `/authorize`, `/token` and
//! `/register`.

use url::Url;

use super::documents;
use super::scopes::judge_scopes;
use super::{Discovery, Fixer, PrmSource, Purpose, Stage, Step, Verdict};

impl Discovery {
    /// Whether every step for `purpose` found nothing there (404 or 410):
    /// no location was blocked, failing or unreadable.
    pub(super) fn all_missing(&self, purpose: Purpose) -> bool {
        let same = |step: &&Step| {
            std::mem::discriminant(&step.purpose) == std::mem::discriminant(&purpose)
        };
        self.steps
            .iter()
            .filter(same)
            .all(|step| matches!(step.status, Some(404 | 410)))
    }

    /// No protected resource metadata anywhere: a client that follows the
    /// 2025-03-26 revision reads the authorization server's metadata at the
    /// MCP URL's origin; others stop here.
    pub(super) fn after_prm(&mut self) {
        let missing = self.all_missing(Purpose::ProtectedResource(PrmSource::Header));
        if !(self.profile.falls_back_2025_03_26 && missing) {
            self.stage = Stage::Done;
            return;
        }
        let issuer = self.mcp.origin().ascii_serialization();
        self.stage = Stage::As {
            candidates: documents::as_locations(&issuer),
            issuer,
            index: 0,
            legacy: true,
        };
    }

    /// A URL at the MCP URL's origin.
    pub(super) fn at_origin(&self, path: &str) -> Url {
        let mut url = self.mcp.clone();
        url.set_path(path);
        url.set_query(None);
        url.set_fragment(None);
        url
    }

    /// Whether anything answers at the default `/authorize`.
    pub(super) fn on_default(&mut self, step: &mut Step, status: u16) -> bool {
        let who = &self.profile.who;
        if matches!(status, 404 | 410) {
            step.verdict = Verdict::Error;
            step.fixer = Fixer::Operator;
            step.message = format!(
                "No sign-in anywhere: no protected resource metadata, no authorization server metadata at {}, and nothing at /authorize ({status}). The operator must publish the protected resource metadata (RFC 9728).",
                self.mcp.origin().ascii_serialization()
            );
            self.conclusive = true;
            return false;
        }
        step.message = format!(
            "Something answers at /authorize ({status}): with no metadata anywhere, {who} signs in the 2025-03-26 way, at /authorize, /token and /register."
        );
        true
    }

    /// No metadata at all: the 2025-03-26 revision's default endpoints at
    /// the MCP URL's origin.
    pub(super) fn default_endpoints(&mut self) {
        self.learned.issuer = Some(self.mcp.origin().ascii_serialization());
        self.learned.authorization_endpoint = Some(self.at_origin("/authorize"));
        self.learned.token_endpoint = Some(self.at_origin("/token"));
        self.learned.registration_endpoint = Some(self.at_origin("/register"));
        self.learned.s256 = true;
        self.learned.defaults = true;
        self.conclusive = true;
        self.stage = Stage::Done;
        if let Some(step) = self.steps.last_mut() {
            let offers = documents::Offers {
                dynamic: true,
                documents: false,
                public: true,
                methods: Vec::new(),
            };
            self.learned.registration =
                Some(documents::judge_registration(&self.profile, offers, step));
            judge_scopes(&self.profile, &self.learned, step);
        }
    }
}
