//! Operator presets: a `presets.toml` served next to the page sets the names
//! shown, the default server name and URL, the tool catalog and links to the
//! operator's own docs, without a rebuild. A file that cannot be used is
//! reported with its line, and the built-in Kloudfuse defaults apply.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::validate::{HostPattern, TrustedHosts, parse_url, with_ascii_host};

use crate::catalog::{CatalogTool, ToolEffect, kloudfuse_tools};
use crate::model::{DEFAULT_NAME, Draft};
use crate::validate::tools::tool_name_problem;

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
    pub catalog: Vec<CatalogTool>,
    /// Links to the operator's docs.
    pub links: Vec<DocLink>,
    /// The hosts the organisation runs (`trusted_hosts`); a share link
    /// that points Codex anywhere else is questioned.
    pub trusted_hosts: Vec<HostPattern>,
}

/// The presets the page ships with (the Kloudfuse defaults); the same file
/// is served next to the page for operators to edit.
pub const BUILTIN_PRESETS: &str = include_str!("../presets.toml");

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
        }
    }
}

impl Presets {
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
            pairs.push(("description", &tool.description));
            pairs.push(("effect", tool.effect.as_str()));
            lines.push(record(&pairs));
        }
        for link in &self.links {
            lines.push(record(&[("link", &link.title), ("url", &link.url)]));
        }
        for host in &self.trusted_hosts {
            lines.push(record(&[("trusted", &host.to_string())]));
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
                Some("tool") => presets.catalog.push(CatalogTool {
                    name: value("tool")?,
                    title: value("title"),
                    description: value("description")?,
                    effect: ToolEffect::ALL
                        .into_iter()
                        .find(|e| Some(e.as_str()) == value("effect").as_deref())?,
                }),
                Some("trusted") => presets
                    .trusted_hosts
                    .push(HostPattern::parse(&value("trusted")?).ok()?),
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

type Table<'t> = DeTable<'t>;

struct Reader<'a> {
    text: &'a str,
}

impl Reader<'_> {
    fn line(&self, span: Option<Range<usize>>) -> usize {
        let offset = span.map_or(0, |s| s.start).min(self.text.len());
        self.text[..offset].matches('\n').count() + 1
    }

    fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> PresetsError {
        PresetsError {
            line: self.line(span),
            message: message.into(),
        }
    }

    /// Refuses keys other than `allowed`, so a typo does not pass silently.
    /// Keys are checked in the order they appear in the file.
    fn only_keys(&self, table: &Table, allowed: &[&str], what: &str) -> Result<(), PresetsError> {
        let unknown = table
            .keys()
            .filter(|key| !allowed.contains(&key.get_ref().as_ref()))
            .min_by_key(|key| key.span().start);
        match unknown {
            None => Ok(()),
            Some(key) => Err(self.error(
                Some(key.span()),
                format!(
                    "unknown key `{}` in {what}; the keys are {}.",
                    key.get_ref(),
                    allowed.join(", ")
                ),
            )),
        }
    }

    fn string(&self, table: &Table, key: &str, what: &str) -> Result<Option<String>, PresetsError> {
        match table.get(key) {
            None => Ok(None),
            Some(value) => match value.get_ref() {
                DeValue::String(s) => Ok(Some(s.to_string())),
                _ => Err(self.error(
                    Some(value.span()),
                    format!("`{key}` in {what} must be a string in quotes."),
                )),
            },
        }
    }

    /// A tool's `annotations = { readOnlyHint = …, destructiveHint = … }`, as
    /// MCP names them: `(readOnlyHint, destructiveHint)`, `None` when absent.
    #[allow(clippy::type_complexity)]
    fn annotations(
        &self,
        tool: &Table,
    ) -> Result<Option<(Option<bool>, Option<bool>)>, PresetsError> {
        const HINTS: [&str; 4] = [
            "readOnlyHint",
            "destructiveHint",
            "idempotentHint",
            "openWorldHint",
        ];
        let Some(value) = tool.get("annotations") else {
            return Ok(None);
        };
        let DeValue::Table(hints) = value.get_ref() else {
            return Err(self.error(
                Some(value.span()),
                "`annotations` must be a table, such as { readOnlyHint = true }.",
            ));
        };
        self.only_keys(hints, &HINTS, "a tool's annotations")?;
        let flag = |key: &str| match hints.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::Boolean(b) => Ok(Some(*b)),
                _ => Err(self.error(Some(v.span()), format!("`{key}` must be true or false."))),
            },
        };
        for key in &HINTS[2..] {
            flag(key)?;
        }
        Ok(Some((flag("readOnlyHint")?, flag("destructiveHint")?)))
    }

    fn required(
        &self,
        table: &Spanned<&Table>,
        key: &str,
        what: &str,
    ) -> Result<String, PresetsError> {
        match self.string(table.get_ref(), key, what)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            _ => Err(self.error(
                Some(table.span()),
                format!("{what} needs a non-empty `{key}`."),
            )),
        }
    }

    /// `trusted_hosts = ["host", "*.domain"]`, each pattern checked.
    fn trusted_hosts(&self, root: &Table) -> Result<Vec<HostPattern>, PresetsError> {
        let Some(value) = root.get("trusted_hosts") else {
            return Ok(Vec::new());
        };
        let DeValue::Array(list) = value.get_ref() else {
            return Err(self.error(
                Some(value.span()),
                "`trusted_hosts` must be a list of host names, such as [\"observability.acme.example\", \"*.corp.acme.example\"].",
            ));
        };
        let mut patterns = Vec::new();
        for item in list.iter() {
            let DeValue::String(typed) = item.get_ref() else {
                return Err(self.error(
                    Some(item.span()),
                    "each entry of `trusted_hosts` must be a host name in quotes.",
                ));
            };
            let pattern = HostPattern::parse(typed).map_err(|problem| {
                self.error(Some(item.span()), format!("trusted_hosts: {problem}"))
            })?;
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
        Ok(patterns)
    }

    /// The `[[key]]` tables, each with where it starts.
    fn tables<'t>(
        &self,
        root: &'t Table<'t>,
        key: &str,
    ) -> Result<Vec<Spanned<&'t Table<'t>>>, PresetsError> {
        let Some(value) = root.get(key) else {
            return Ok(Vec::new());
        };
        let not_tables = || {
            self.error(
                Some(value.span()),
                format!("`{key}` must be written as [[{key}]] tables."),
            )
        };
        let DeValue::Array(list) = value.get_ref() else {
            return Err(not_tables());
        };
        list.iter()
            .map(|item| match item.get_ref() {
                DeValue::Table(table) => Ok(Spanned::new(item.span(), table)),
                _ => Err(not_tables()),
            })
            .collect()
    }
}

/// Parses an operator's presets file over the built-in presets: what the
/// file leaves out keeps its built-in value (a file without `[[tools]]`
/// keeps the built-in catalog).
pub fn parse_presets(text: &str) -> Result<Presets, PresetsError> {
    parse_presets_over(Presets::default(), text)
}

fn parse_presets_over(base: Presets, text: &str) -> Result<Presets, PresetsError> {
    let reader = Reader { text };
    let doc =
        DeTable::parse(text).map_err(|e| reader.error(e.span(), e.message().trim().to_owned()))?;
    let root = doc.get_ref();
    reader.only_keys(
        root,
        &[
            "product",
            "cluster",
            "trusted_hosts",
            "defaults",
            "tools",
            "links",
        ],
        "the file",
    )?;
    let mut presets = base;
    if let Some(product) = reader.string(root, "product", "the file")? {
        presets.product = product;
    }
    presets.cluster = reader.string(root, "cluster", "the file")?;
    presets.trusted_hosts = reader.trusted_hosts(root)?;

    match root.get("defaults").map(|d| (d.span(), d.get_ref())) {
        None => {}
        Some((_, DeValue::Table(defaults))) => {
            reader.only_keys(defaults, &["name", "url"], "[defaults]")?;
            presets.defaults.name = reader
                .string(defaults, "name", "[defaults]")?
                .unwrap_or_else(|| DEFAULT_NAME.to_owned());
            presets.defaults.url = reader
                .string(defaults, "url", "[defaults]")?
                .unwrap_or_default();
        }
        Some((span, _)) => {
            return Err(reader.error(Some(span), "`defaults` must be a [defaults] table."));
        }
    }

    let tools = reader.tables(root, "tools")?;
    if root.contains_key("tools") {
        presets.catalog = Vec::new();
    }
    for tool in tools {
        let span = Some(tool.span());
        let tool_span = |key: &str| tool.get_ref().get(key).map(|v| v.span());
        reader.only_keys(
            tool.get_ref(),
            &["name", "title", "description", "kind", "annotations"],
            "a [[tools]] entry",
        )?;
        let name = reader.required(&tool, "name", "a [[tools]] entry")?;
        if let Some(problem) = tool_name_problem(&name) {
            return Err(reader.error(tool_span("name"), problem));
        }
        if presets.catalog.iter().any(|t| t.name == name) {
            return Err(reader.error(span, format!("the tool `{name}` is listed twice.")));
        }
        let hints = reader.annotations(tool.get_ref())?;
        let effect = match reader
            .string(tool.get_ref(), "kind", "a [[tools]] entry")?
            .as_deref()
        {
            // MCP's own hints, as an imported list has them.
            None if hints.is_some() => {
                let (read_only, destructive) = hints.unwrap_or_default();
                ToolEffect::from_hints(read_only, destructive)
            }
            None | Some("read-only") => ToolEffect::ReadOnly,
            Some("destructive") => ToolEffect::Destructive,
            Some(other) => {
                return Err(reader.error(
                    tool_span("kind"),
                    format!(
                        "`kind = \"{other}\"` is not known; use \"read-only\" or \"destructive\"."
                    ),
                ));
            }
        };
        let description = reader
            .string(tool.get_ref(), "description", "a [[tools]] entry")?
            .unwrap_or_default();
        let title = reader.string(tool.get_ref(), "title", "a [[tools]] entry")?;
        presets.catalog.push(CatalogTool {
            name,
            title,
            description,
            effect,
        });
    }

    for link in reader.tables(root, "links")? {
        reader.only_keys(link.get_ref(), &["title", "url"], "a [[links]] entry")?;
        let title = reader.required(&link, "title", "a [[links]] entry")?;
        let url = reader.required(&link, "url", "a [[links]] entry")?;
        if !matches!(parse_url(&url), Ok(u) if matches!(u.scheme(), "https" | "http")) {
            return Err(reader.error(
                link.get_ref().get("url").map(|v| v.span()),
                format!("the link `{url}` must be an absolute http(s) URL."),
            ));
        }
        presets.links.push(DocLink { title, url });
    }
    Ok(presets)
}
