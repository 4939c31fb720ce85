//! Operator presets: a `presets.toml` served next to the page sets the names
//! shown, the default server name and URL, the tool catalog and links to the
//! operator's own docs, without a rebuild. A file that cannot be used is
//! reported with its line, and the built-in Kloudfuse defaults apply.

mod lists;
mod read;

pub use self::read::parse_presets;

use std::fmt;

use crate::catalog::kloudfuse_tools;
use crate::discovery::allowlist::CHART_DEFAULT;
use crate::model::{Client, Draft, Tool};
use crate::validate::{HostPattern, Organisation, Requirements, TrustedHosts, with_ascii_host};

/// The file name the page fetches, relative to itself.
pub const PRESETS_FILE: &str = "presets.toml";

/// A link to the operator's documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocLink {
    /// The link text.
    pub title: String,
    /// An http(s) URL.
    pub url: String,
}

/// What the page is set up with.
#[derive(Clone, Debug, PartialEq)]
pub struct Presets {
    /// The product named in the page's title ("Kloudfuse").
    pub product: String,
    /// The cluster's name, when the page is set up for one cluster.
    pub cluster: Option<String>,
    /// The form's starting values (name and URL).
    pub defaults: Draft,
    /// The tools offered in the picker.
    pub catalog: Vec<Tool>,
    /// Links to the operator's docs.
    pub links: Vec<DocLink>,
    /// The hosts the organisation runs (`trusted_hosts`); a share link
    /// that points Codex anywhere else is questioned.
    pub trusted_hosts: Vec<HostPattern>,
    /// The one server the organisation's Codex requirements allow
    /// (`[codex_requirements]`); the form starts at it.
    pub requirements: Option<Requirements>,
    /// A client registered for the page's own sign-in from the browser
    /// (`browser_client_id`), where the server offers no registration.
    pub browser_client_id: Option<String>,
    /// Where the page's client id metadata document is served, when not
    /// beside the page (`client_metadata_url`): its URL is the page's
    /// client id where the server takes them.
    pub client_metadata_url: Option<String>,
    /// The redirect URIs the cluster admits (`allowed_redirect_uris`, its
    /// `AllowedRedirectURIs`; Kloudfuse's chart default when not said).
    pub allowed_redirect_uris: Vec<String>,
    /// The MCP clients the page offers, in order (`clients`); the first is
    /// the form's default. Every client the page knows, Codex first, when
    /// the file does not say.
    pub clients: Vec<Client>,
}

/// The presets the page ships with (the Kloudfuse defaults); the same file
/// is served next to the page for operators to edit.
pub const BUILTIN_PRESETS: &str = include_str!("../../presets.toml");

impl Default for Presets {
    /// The built-in Kloudfuse presets: what the shipped `presets.toml` says
    /// (a test parses the file and compares), without parsing it at start.
    fn default() -> Self {
        Self {
            product: "Kloudfuse".to_owned(),
            cluster: None,
            defaults: Draft::default(),
            catalog: kloudfuse_tools(),
            links: Vec::new(),
            trusted_hosts: Vec::new(),
            requirements: None,
            browser_client_id: None,
            client_metadata_url: None,
            allowed_redirect_uris: CHART_DEFAULT.map(str::to_owned).to_vec(),
            clients: Client::ALL.to_vec(),
        }
    }
}

impl Presets {
    /// What the organisation has set up, for validation: its hosts and its
    /// Codex requirements.
    pub fn organisation(&self, to_ascii: &dyn Fn(&str) -> Option<String>) -> Organisation {
        Organisation {
            trusted: self.trusted(to_ascii),
            requirements: self.requirements.clone(),
        }
    }

    /// The hosts to trust: `trusted_hosts` and the default URL's host.
    /// `to_ascii` converts an international host name (the browser's UTS #46).
    pub fn trusted(&self, to_ascii: &dyn Fn(&str) -> Option<String>) -> TrustedHosts {
        let url = &self.defaults.url;
        let ascii = with_ascii_host(url, to_ascii);
        TrustedHosts::new(self.trusted_hosts.clone(), ascii.as_deref().unwrap_or(url))
    }
}

/// Why a presets file was not used: its line and what to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresetsError {
    /// 1-based line of the problem.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for PresetsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PRESETS_FILE}, line {}: {}", self.line, self.message)
    }
}
