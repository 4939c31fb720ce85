//! Operator presets: a `presets.toml` served next to the page sets the names
//! shown, the default server name and URL, the tool catalog and links to the
//! operator's own docs, without a rebuild. A file that cannot be used is
//! reported with its line, and the built-in Kloudfuse defaults apply.

mod read;

pub use self::read::parse_presets;

use std::fmt;

use crate::catalog::kloudfuse_tools;
use crate::model::{Draft, Tool, ToolEffect};
use crate::validate::{
    HostPattern, Organisation, RequiredUrl, Requirements, TrustedHosts, with_ascii_host,
};

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

    /// The presets as lines of `application/x-www-form-urlencoded` records:
    /// how the second module, which has the TOML reader, hands an operator's
    /// file back to the first, which has none (see [`Presets::decode`]).
    pub fn encode(&self) -> String {
        let record = |pairs: &[(&str, &str)]| {
            let mut line = url::form_urlencoded::Serializer::new(String::new());
            for (key, value) in pairs {
                line.append_pair(key, value);
            }
            line.finish()
        };
        let mut lines = vec![record(&[("product", &self.product)])];
        if let Some(cluster) = &self.cluster {
            lines.push(record(&[("cluster", cluster)]));
        }
        lines.push(record(&[("defaults", &self.defaults.encode())]));
        for tool in &self.catalog {
            let mut pairs = vec![("tool", tool.name.as_str())];
            if let Some(title) = &tool.title {
                pairs.push(("title", title));
            }
            if let Some(description) = &tool.description {
                pairs.push(("description", description));
            }
            pairs.push(("effect", tool.effect.as_str()));
            lines.push(record(&pairs));
        }
        for link in &self.links {
            lines.push(record(&[("link", &link.title), ("url", &link.url)]));
        }
        for host in &self.trusted_hosts {
            lines.push(record(&[("trusted", &host.to_string())]));
        }
        if let Some(req) = &self.requirements {
            lines.push(encode_requirements(req));
        }
        if let Some(id) = &self.browser_client_id {
            lines.push(record(&[("browser_client_id", id)]));
        }
        lines.join("\n")
    }

    /// Reads [`Presets::encode`]'s lines back; `None` if they are not its.
    pub fn decode(encoded: &str) -> Option<Self> {
        let mut presets = Self {
            product: String::new(),
            cluster: None,
            defaults: Draft::default(),
            catalog: Vec::new(),
            links: Vec::new(),
            trusted_hosts: Vec::new(),
            requirements: None,
            browser_client_id: None,
        };
        for line in encoded.lines() {
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(line.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
            match pairs.first().map(|(k, _)| k.as_str()) {
                Some("product") => presets.product = value("product")?,
                Some("cluster") => presets.cluster = value("cluster"),
                Some("defaults") => presets.defaults = Draft::decode(&value("defaults")?),
                Some("tool") => presets.catalog.push(Tool {
                    title: value("title"),
                    description: value("description"),
                    effect: ToolEffect::ALL
                        .into_iter()
                        .find(|e| Some(e.as_str()) == value("effect").as_deref())?,
                    ..Tool::named(&value("tool")?)
                }),
                Some("trusted") => presets
                    .trusted_hosts
                    .push(HostPattern::parse(&value("trusted")?).ok()?),
                Some("requirements") => presets.requirements = Some(decode_requirements(line)?),
                Some("browser_client_id") => presets.browser_client_id = value("browser_client_id"),
                Some("link") => presets.links.push(DocLink {
                    title: value("link")?,
                    url: value("url")?,
                }),
                _ => return None,
            }
        }
        (!presets.product.is_empty()).then_some(presets)
    }
}

/// The organisation's Codex requirements as one form-encoded line: how
/// the presets and the second module get them.
pub fn encode_requirements(req: &Requirements) -> String {
    let (key, url) = match &req.url {
        RequiredUrl::Exact(url) => ("url", url),
        RequiredUrl::Prefix(prefix) => ("url_prefix", prefix),
    };
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("requirements", &req.name)
        .append_pair(key, url)
        .finish()
}

/// What the second module needs of the organisation, as lines: its
/// requirements and its client for browsers ([`decode_organisation`]).
pub fn encode_organisation(
    requirements: Option<&Requirements>,
    browser_client_id: Option<&str>,
) -> String {
    let mut lines = Vec::new();
    if let Some(req) = requirements {
        lines.push(encode_requirements(req));
    }
    if let Some(id) = browser_client_id {
        lines.push(
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("browser_client_id", id)
                .finish(),
        );
    }
    lines.join("\n")
}

/// Reads [`encode_organisation`]'s lines back.
pub fn decode_organisation(encoded: &str) -> (Option<Requirements>, Option<String>) {
    let mut requirements = None;
    let mut client = None;
    for line in encoded.lines() {
        if line.starts_with("requirements=") {
            requirements = decode_requirements(line);
        } else if let Some((_, id)) =
            url::form_urlencoded::parse(line.as_bytes()).find(|(k, _)| k == "browser_client_id")
        {
            client = Some(id.into_owned()).filter(|id| !id.is_empty());
        }
    }
    (requirements, client)
}

/// Reads [`encode_requirements`]'s line back.
pub fn decode_requirements(line: &str) -> Option<Requirements> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(line.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Requirements::new(
        &value("requirements")?,
        value("url").as_deref(),
        value("url_prefix").as_deref(),
    )
    .ok()
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
