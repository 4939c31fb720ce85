//! Reading an operator's `presets.toml` (in a module of the program of its
//! own, fetched only when the operator ships a file: it needs the TOML
//! reader), naming the line of anything it cannot use. The keys that are
//! lists of checked values are read in `lists.rs`.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{DocLink, Presets, PresetsError};
use crate::clients::codex::Release;
use crate::model::{DEFAULT_NAME, Tool, ToolEffect};
use crate::validate::parse_url;
use crate::validate::tools::tool_name_problem;

pub(super) type Table<'t> = DeTable<'t>;

pub(super) struct Reader<'a> {
    pub(super) text: &'a str,
}

impl Reader<'_> {
    fn line(&self, span: Option<Range<usize>>) -> usize {
        let offset = span.map_or(0, |s| s.start).min(self.text.len());
        self.text[..offset].matches('\n').count() + 1
    }

    pub(super) fn error(
        &self,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> PresetsError {
        PresetsError {
            line: self.line(span),
            message: message.into(),
        }
    }

    /// Refuses keys other than `allowed`, so a typo does not pass silently.
    /// Keys are checked in the order they appear in the file.
    pub(super) fn only_keys(
        &self,
        table: &Table,
        allowed: &[&str],
        what: &str,
    ) -> Result<(), PresetsError> {
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

    pub(super) fn string(
        &self,
        table: &Table,
        key: &str,
        what: &str,
    ) -> Result<Option<String>, PresetsError> {
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
            "codex_version",
            "codex_requirements",
            "browser_client_id",
            "client_metadata_url",
            "allowed_redirect_uris",
            "trusted_hosts",
            "clients",
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
    if let Some(clients) = reader.clients(root)? {
        presets.clients = clients;
        presets.defaults.client = presets.clients[0];
    }
    let codex_version = match root.get("codex_version") {
        None => None,
        Some(value) => match value.get_ref() {
            DeValue::String(typed) => Some(
                Release::parse(typed)
                    .map_err(|problem| {
                        reader.error(Some(value.span()), format!("codex_version: {problem}"))
                    })?
                    .to_string(),
            ),
            _ => {
                return Err(reader.error(
                    Some(value.span()),
                    "`codex_version` must be a release in quotes, such as \"0.150\".",
                ));
            }
        },
    };

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
    if let Some(release) = codex_version {
        presets.defaults.codex = release;
    }
    presets.browser_client_id = reader
        .string(root, "browser_client_id", "the file")?
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty());
    if let Some(value) = root.get("client_metadata_url") {
        let url = reader
            .string(root, "client_metadata_url", "the file")?
            .unwrap_or_default();
        match parse_url(url.trim()) {
            Ok(u) if u.scheme() == "https" && u.path() != "/" => {
                presets.client_metadata_url = Some(u.to_string());
            }
            _ => {
                return Err(reader.error(
                    Some(value.span()),
                    format!("`client_metadata_url = \"{url}\"` must be an https URL with a path, where the page's client id metadata document is served (it is the page's client id)."),
                ));
            }
        }
    }
    if let Some(list) = reader.redirect_uris(root)? {
        presets.allowed_redirect_uris = list;
    }
    if let Some(req) = reader.requirements(root)? {
        // The form starts at the allowed server: Codex turns any other off.
        presets.defaults.name.clone_from(&req.name);
        if let Some(url) = req.default_url() {
            presets.defaults.url = url.to_owned();
        }
        presets.requirements = Some(req);
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
            .filter(|d| !d.is_empty());
        let title = reader.string(tool.get_ref(), "title", "a [[tools]] entry")?;
        presets.catalog.push(Tool {
            title,
            description,
            effect,
            ..Tool::named(&name)
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
