//! A share link is someone else's settings. [`LinkReview`] names what a
//! link sets that sends something elsewhere or lets Codex act without
//! asking ([`ShareRisk`]), and holds every copy back until the person has
//! put each value back or accepted it.
//!
//! A finding lasts while the form still holds the value the link set: a
//! revert (or the person's own edit of that field) ends it, an edit of any
//! other field does not. The review lives with the page; opening the same
//! link again asks again.

use crate::model::{ApprovalMode, Client, Draft};
use url::Url;

use crate::validate::{
    Requirements, TrustedHosts, excerpt, foreign_resource_origin, named_host, normalize_mcp_url,
    with_ascii_hosts,
};

/// What kind of thing a link sets that the person must answer for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RiskKind {
    /// The server URL's host is not one the operator trusts.
    Host,
    /// The link sets `bearer_token_env_var`.
    Token,
    /// The link sets "Never ask" (`approve`), as default or for a tool.
    Approval,
    /// The link's `oauth_resource` is on another origin than the server URL.
    Resource,
    /// The link names a server (name or URL) that the organisation's Codex
    /// requirements do not allow, so Codex would turn it off.
    Requirements,
}

impl RiskKind {
    /// Every kind, in the order the page lists them.
    pub const ALL: [Self; 5] = [
        Self::Requirements,
        Self::Host,
        Self::Token,
        Self::Resource,
        Self::Approval,
    ];

    /// The kind's name in the page (`data-kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Host => "host",
            Self::Token => "token",
            Self::Approval => "approval",
            Self::Resource => "resource",
            Self::Requirements => "requirements",
        }
    }

    /// A short title for the finding.
    pub fn title(self) -> &'static str {
        match self {
            Self::Host => "A server outside your organisation",
            Self::Token => "Sends a token from your computer",
            Self::Approval => "Tools run without asking",
            Self::Resource => "A token meant for another server",
            Self::Requirements => "A server your organisation's Codex turns off",
        }
    }

    /// What the revert button says, for the page's `defaults`;
    /// `approval_words` says a mode as the chosen client's menus do.
    pub fn revert_label(
        self,
        defaults: &Draft,
        client: Client,
        approval_words: impl Fn(ApprovalMode) -> String,
    ) -> String {
        match self {
            Self::Host if defaults.url.trim().is_empty() => "Clear the server URL".to_owned(),
            Self::Host => format!("Use {}", defaults.url.trim()),
            Self::Token => "Sign in with OAuth instead".to_owned(),
            Self::Approval => match defaults.default_approval {
                Some(mode) => format!("Use “{}”", approval_words(mode)),
                None => format!("Ask as {} does by default", client.name()),
            },
            Self::Resource => "Remove the OAuth resource".to_owned(),
            Self::Requirements => {
                format!("Use {} at {}", defaults.name.trim(), defaults.url.trim())
            }
        }
    }

    /// Puts back in `draft` what the page holds without a link for this
    /// kind's value (`defaults`): the operator's URL, no token variable,
    /// the default approval, no resource. Only the link's own "Never ask"
    /// choices (`link`) are taken back; other per-tool modes stay.
    pub fn revert(self, draft: &mut Draft, link: &Draft, defaults: &Draft) {
        match self {
            Self::Host => draft.url.clone_from(&defaults.url),
            Self::Token => draft
                .bearer_token_env_var
                .clone_from(&defaults.bearer_token_env_var),
            Self::Resource => draft.oauth_resource.clone_from(&defaults.oauth_resource),
            Self::Requirements => {
                draft.name.clone_from(&defaults.name);
                draft.url.clone_from(&defaults.url);
            }
            Self::Approval => {
                if draft.default_approval == Some(ApprovalMode::Approve)
                    && link.default_approval == Some(ApprovalMode::Approve)
                {
                    draft.default_approval = defaults.default_approval;
                }
                let from_link = link_approvals(link);
                draft.tool_approvals.retain(|(tool, mode)| {
                    !(*mode == ApprovalMode::Approve && from_link.contains(&tool.as_str()))
                });
            }
        }
    }
}

/// One thing a link sets that the person must answer for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareRisk {
    /// What kind of risk.
    pub kind: RiskKind,
    /// The exact value, as config.toml says it (one line per setting).
    pub value: String,
    /// What it lets happen, in one sentence.
    pub consequence: String,
}

/// The tools a link set to "Never ask".
fn link_approvals(link: &Draft) -> Vec<&str> {
    link.tool_approvals
        .iter()
        .filter(|(_, mode)| *mode == ApprovalMode::Approve)
        .map(|(tool, _)| tool.as_str())
        .collect()
}

/// What a share link set, and which of its findings the person accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkReview {
    link: Draft,
    accepted: Vec<RiskKind>,
    requirements: Option<Requirements>,
}

impl LinkReview {
    /// The review of a link that opened the form as `link` (the presets'
    /// defaults with the link's parameters applied).
    pub fn new(link: Draft) -> Self {
        Self {
            link,
            accepted: Vec::new(),
            requirements: None,
        }
    }

    /// The same review, for an organisation whose Codex requirements allow
    /// only `requirements`' server: a link that names another is a finding.
    pub fn under(mut self, requirements: Option<Requirements>) -> Self {
        self.requirements = requirements;
        self
    }

    /// The draft as the link set it.
    pub fn link(&self) -> &Draft {
        &self.link
    }

    /// The findings still unanswered for the form as it is now (`current`),
    /// in the page's order. `to_ascii` converts international host names
    /// (the browser's UTS #46) before hosts are compared.
    pub fn risks(
        &self,
        current: &Draft,
        trusted: &TrustedHosts,
        to_ascii: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<ShareRisk> {
        let ascii = with_ascii_hosts(current, to_ascii);
        let now = ascii.as_ref().unwrap_or(current);
        // The server URL as Codex gets it, normalised once for every finding.
        let who = now.client.name();
        let server = normalize_mcp_url(&now.url, who).ok().map(|n| n.url);
        let host = server.as_ref().and_then(Url::host_str);
        let link = &self.link;
        let mut risks = Vec::new();

        let requirements = self
            .requirements
            .as_ref()
            .filter(|_| now.client.facts().bound_by_codex_requirements);
        if let Some(req) = requirements {
            // What the entry would say: the allowed bytes where the URL is
            // the allowed server's, else the normalised URL.
            let written = server.as_ref().map(|s| {
                req.exact_url(s)
                    .map_or_else(|| s.to_string(), str::to_owned)
            });
            let name_off = current.name.trim() != req.name && current.name == link.name;
            let url_off = written.as_deref().is_some_and(|w| !req.allows_url(w))
                && current.url == link.url
                && !link.url.trim().is_empty();
            if name_off || url_off {
                let mut value = vec![format!("name = \"{}\"", current.name.trim())];
                if let Some(written) = &written {
                    value.push(format!("url = \"{written}\""));
                }
                risks.push(ShareRisk {
                    kind: RiskKind::Requirements,
                    value: value.join("\n"),
                    consequence: format!(
                        "Codex turns this server off without a word: your organisation's requirements allow only {}, compared byte for byte.",
                        req.describe()
                    ),
                });
            }
        }

        if let Some(server) = server.as_ref().filter(|_| {
            !link.url.trim().is_empty()
                && current.url == link.url
                && host.is_some_and(|h| trusted.is_foreign(h))
        }) {
            risks.push(ShareRisk {
                kind: RiskKind::Host,
                value: server.to_string(),
                consequence: format!(
                    "{who} connects to {}, which is not one of your organisation's servers ({}), signs in there and sends it what it asks for.",
                    named_host(host),
                    trusted.describe()
                ),
            });
        }
        let var = link.bearer_token_env_var.trim();
        if !var.is_empty()
            && current.bearer_token_env_var == link.bearer_token_env_var
            && now.client.facts().reads_token_variable
        {
            risks.push(ShareRisk {
                kind: RiskKind::Token,
                value: format!("bearer_token_env_var = \"{var}\""),
                consequence: format!(
                    "{who} reads {} on your computer and sends its value to {} as a bearer token with every request, whoever runs that server.",
                    excerpt(var),
                    named_host(host)
                ),
            });
        }
        let resource = link.oauth_resource.trim();
        // A client that never sends the resource hands no token for it.
        let foreign = server
            .as_ref()
            .filter(|_| now.client.facts().sends_oauth_resource)
            .and_then(|s| foreign_resource_origin(s, &now.oauth_resource));
        if let Some(origin) = foreign
            .filter(|_| !resource.is_empty() && current.oauth_resource == link.oauth_resource)
        {
            risks.push(ShareRisk {
                kind: RiskKind::Resource,
                value: format!("oauth_resource = \"{resource}\""),
                consequence: format!(
                    "{who} asks your sign-in server for a token meant for `{origin}` and hands it to {}, which could then use it there as you.",
                    named_host(host)
                ),
            });
        }
        let mut never_ask = Vec::new();
        if link.default_approval == Some(ApprovalMode::Approve)
            && current.default_approval == Some(ApprovalMode::Approve)
        {
            never_ask.push("default_tools_approval_mode = \"approve\"".to_owned());
        }
        let from_link = link_approvals(link);
        for (tool, mode) in &current.tool_approvals {
            if *mode == ApprovalMode::Approve && from_link.contains(&tool.as_str()) {
                never_ask.push(format!("tools.{tool}.approval_mode = \"approve\""));
            }
        }
        if !never_ask.is_empty() {
            let which = if never_ask[0].starts_with("default") {
                "any of this server's tools"
            } else {
                "these tools"
            };
            risks.push(ShareRisk {
                kind: RiskKind::Approval,
                value: never_ask.join("\n"),
                consequence: format!(
                    "{who} calls {which} without asking you first (“Never ask”), including tools that change or delete data."
                ),
            });
        }
        risks.retain(|r| !self.accepted.contains(&r.kind));
        risks
    }

    /// Accepts every finding still open for `current`: the person has read
    /// them and keeps the link's values.
    pub fn accept_all(
        &mut self,
        current: &Draft,
        trusted: &TrustedHosts,
        to_ascii: &dyn Fn(&str) -> Option<String>,
    ) {
        let open: Vec<RiskKind> = self
            .risks(current, trusted, to_ascii)
            .iter()
            .map(|r| r.kind)
            .collect();
        self.accepted.extend(open);
    }

    /// Whether copying is held back: some finding is unanswered.
    pub fn holds_copy(
        &self,
        current: &Draft,
        trusted: &TrustedHosts,
        to_ascii: &dyn Fn(&str) -> Option<String>,
    ) -> bool {
        !self.risks(current, trusted, to_ascii).is_empty()
    }
}
