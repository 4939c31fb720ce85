//! What a tool is, whatever it came from (the built-in catalog, an
//! operator's presets, an import of the server's list), what calling it
//! does, which ones the person chose, and the compact form the page keeps
//! them in.

/// What calling a tool does, from its MCP annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ToolEffect {
    /// `readOnlyHint: true`: it only reads.
    ReadOnly,
    /// It changes data but, by `destructiveHint: false`, only adds to it.
    Write,
    /// `destructiveHint: true`, or a write without `destructiveHint` (MCP's
    /// default is true), or an operator's mark.
    Destructive,
    /// No hints at all: MCP's defaults assume the worst, so never read-only.
    Unknown,
}

impl ToolEffect {
    /// The effect MCP's hints describe, with MCP's defaults for absent ones
    /// (`readOnlyHint` false, `destructiveHint` true); no hints is unknown.
    pub fn from_hints(read_only: Option<bool>, destructive: Option<bool>) -> Self {
        match (read_only, destructive) {
            (Some(true), _) => Self::ReadOnly,
            (None, None) => Self::Unknown,
            (_, Some(false)) => Self::Write,
            _ => Self::Destructive,
        }
    }

    /// Every effect.
    pub const ALL: [Self; 4] = [
        Self::ReadOnly,
        Self::Write,
        Self::Destructive,
        Self::Unknown,
    ];

    /// The MCP hints that say this effect: `(readOnlyHint, destructiveHint)`,
    /// each left out when MCP's default already says it.
    pub fn hints(self) -> (Option<bool>, Option<bool>) {
        match self {
            Self::ReadOnly => (Some(true), None),
            Self::Write => (Some(false), Some(false)),
            Self::Destructive => (Some(false), Some(true)),
            Self::Unknown => (None, None),
        }
    }

    /// The value of the picker's `data-effect` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReadOnly => "read-only",
            Self::Write => "write",
            Self::Destructive => "destructive",
            Self::Unknown => "unknown",
        }
    }

    /// The badge a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::ReadOnly => "read-only",
            Self::Write => "changes data",
            Self::Destructive => "can delete or overwrite",
            Self::Unknown => "unknown effect",
        }
    }
}

/// A tool the page knows, whatever it came from: the built-in catalog, an
/// operator's presets (`[[tools]]`) or an import of the server's own list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tool {
    /// The exact MCP tool name.
    pub name: String,
    /// A human title (`title`, or `annotations.title`; an operator's `title`).
    pub title: Option<String>,
    /// What the tool does, in the server's or the operator's words.
    pub description: Option<String>,
    /// What calling it does.
    pub effect: ToolEffect,
    /// `idempotentHint`: calling it twice does no more than once.
    pub idempotent: Option<bool>,
    /// `openWorldHint`: it reaches outside the server's own data.
    pub open_world: Option<bool>,
}

impl Tool {
    /// A tool known only by its name.
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            title: None,
            description: None,
            effect: ToolEffect::Unknown,
            idempotent: None,
            open_world: None,
        }
    }
}

/// The tools Codex may call: an optional allow list and a block list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ToolSelection {
    /// `true` when the person chose "only these tools" (`enabled_tools`).
    pub allow_only: bool,
    /// The "only these" list; ignored unless `allow_only`.
    pub enabled_tools: Vec<String>,
    /// The "never these" list (`disabled_tools`), applied after the allow list.
    pub disabled_tools: Vec<String>,
}

impl ToolSelection {
    /// Replaces the tool `from` with `to` in both lists, in place, keeping
    /// one copy where `to` was already listed.
    pub fn rename(&mut self, from: &str, to: &str) {
        for list in [&mut self.enabled_tools, &mut self.disabled_tools] {
            if let Some(slot) = list.iter().position(|t| t == from) {
                to.clone_into(&mut list[slot]);
            }
            let mut seen = std::collections::HashSet::new();
            list.retain(|t| seen.insert(t.clone()));
        }
    }
}

/// The tools in a compact text form the page keeps in this browser: one
/// `application/x-www-form-urlencoded` line per tool. Reading it needs no
/// JSON parser, so the program's main module (the first visit) carries
/// none.
pub fn encode_compact(tools: &[Tool]) -> String {
    let flag = |v: Option<bool>| match v {
        Some(true) => "1",
        Some(false) => "0",
        None => "",
    };
    tools
        .iter()
        .map(|t| {
            let mut line = url::form_urlencoded::Serializer::new(String::new());
            line.append_pair("name", &t.name);
            if let Some(title) = &t.title {
                line.append_pair("title", title);
            }
            if let Some(description) = &t.description {
                line.append_pair("description", description);
            }
            line.append_pair("effect", t.effect.as_str());
            line.append_pair("idempotent", flag(t.idempotent));
            line.append_pair("open_world", flag(t.open_world));
            line.finish()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The tools [`encode_compact`] wrote; `None` when the text is not that.
pub fn decode_compact(text: &str) -> Option<Vec<Tool>> {
    let flag = |v: &str| match v {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    };
    text.lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut tool = Tool::named("");
            for (key, value) in url::form_urlencoded::parse(line.as_bytes()) {
                match &*key {
                    "name" => tool.name = value.into_owned(),
                    "title" => tool.title = Some(value.into_owned()),
                    "description" => tool.description = Some(value.into_owned()),
                    "effect" => {
                        tool.effect = ToolEffect::ALL.into_iter().find(|e| e.as_str() == value)?;
                    }
                    "idempotent" => tool.idempotent = flag(&value),
                    "open_world" => tool.open_world = flag(&value),
                    _ => {}
                }
            }
            (!tool.name.is_empty()).then_some(tool)
        })
        .collect()
}
