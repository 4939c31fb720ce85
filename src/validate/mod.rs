//! Validation: turns a [`Draft`] into findings (errors and warnings, each a
//! message a person can act on) and, when nothing is an error, a
//! [`ServerConfig`] that every generator can trust.

mod advanced;
mod codex;
mod host;
mod name;
pub mod tools;
mod trust;
mod url;

pub use self::advanced::looks_like_secret;
pub use self::codex::{
    FORWARDED_CALLBACK_PORT, NotePlace, RequiredUrl, Requirements, RequirementsWarning, VersionNote,
};
pub use self::host::{join_url, parse_url, with_ascii_host};
pub use self::trust::{
    HostPattern, TrustedHosts, foreign_resource_origin, host_of, named_host, trust_warnings,
};
pub use self::url::{NormalizedUrl, SECRET_QUERY_KEYS, is_loopback, normalize_mcp_url};

use crate::model::{Draft, Field, ServerConfig, Tool};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The outputs cannot be produced until this is fixed.
    Error,
    /// The outputs work, but the person should know this.
    Warning,
}

/// One thing validation has to say about one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The field the finding belongs next to.
    pub field: Field,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and how to fix it, in plain words.
    pub message: String,
}

impl Finding {
    pub(crate) fn error(field: Field, message: impl Into<String>) -> Self {
        Self {
            field,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub(crate) fn warning(field: Field, message: impl Into<String>) -> Self {
        Self {
            field,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

/// The result of validating a draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Validation {
    /// Every error and warning, in form order.
    pub findings: Vec<Finding>,
    /// The normalised URL, whenever the URL field alone is valid.
    pub normalized_url: Option<::url::Url>,
    /// What the chosen Codex release does with the person's choices, each
    /// where the choice is made; none for the newest release.
    pub notes: Vec<VersionNote>,
    /// Where the name or URL differs from what the organisation's Codex
    /// requirements allow, so Codex would turn the server off.
    pub requirements: Vec<RequirementsWarning>,
    /// The validated entry; `None` while any finding is an error or a note
    /// blocks.
    pub config: Option<ServerConfig>,
}

impl Validation {
    /// Findings of one severity for one field.
    pub fn messages(&self, field: Field, severity: Severity) -> Vec<&str> {
        self.findings
            .iter()
            .filter(|f| f.field == field && f.severity == severity)
            .map(|f| f.message.as_str())
            .collect()
    }

    /// Whether no finding is an error.
    pub fn is_valid(&self) -> bool {
        self.config.is_some()
    }

    /// The notes about the Codex release for one place of the form.
    pub fn notes_at(&self, place: &NotePlace) -> impl Iterator<Item = &VersionNote> {
        self.notes.iter().filter(move |n| n.place == *place)
    }

    /// Whether `field` cannot be used as it is: an error, or a note that
    /// blocks.
    pub fn field_blocked(&self, field: Field) -> bool {
        self.findings
            .iter()
            .any(|f| f.field == field && f.severity == Severity::Error)
            || self
                .notes
                .iter()
                .any(|n| n.blocks && n.place == NotePlace::Field(field))
    }

    /// Why an output is missing, naming the fields with errors, for
    /// example "Fill in or fix the cluster URL to get this." (`what` is
    /// "this", "the commands"…). True whether or not the form shows those
    /// errors yet: an untouched empty field does not.
    pub fn not_ready(&self, what: &str) -> String {
        let mut fields: Vec<&str> = Vec::new();
        for field in Field::ALL.into_iter().filter(|f| self.field_blocked(*f)) {
            if !fields.contains(&field.label()) {
                fields.push(field.label());
            }
        }
        let list = match fields.as_slice() {
            [] => "the form".to_owned(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        format!("Fill in or fix {list} to get {what}.")
    }
}

/// `draft` with the hosts of its URL and OAuth resource in ASCII (see
/// [`with_ascii_host`]), or `None` when neither needs converting. Validation
/// refuses a non-ASCII host, so the page validates what this returns.
pub fn with_ascii_hosts(draft: &Draft, to_ascii: &dyn Fn(&str) -> Option<String>) -> Option<Draft> {
    let url = with_ascii_host(&draft.url, to_ascii);
    let resource = with_ascii_host(&draft.oauth_resource, to_ascii);
    if url.is_none() && resource.is_none() {
        return None;
    }
    let mut ascii = draft.clone();
    ascii.url = url.unwrap_or(ascii.url);
    ascii.oauth_resource = resource.unwrap_or(ascii.oauth_resource);
    Some(ascii)
}

/// Validates every field of `draft`. `catalog` is the tool catalog on offer;
/// it is used for the 64-character tool-name warning when no allow list is set.
pub fn validate(draft: &Draft, catalog: &[Tool]) -> Validation {
    validate_with_server(draft, catalog, None)
}

/// [`validate`], also checking the chosen tools against the server's real
/// list when one was imported: a name it lacks is a warning (with the
/// nearest real name), and an allow list that matches none of its tools is
/// an error, since Codex would then expose nothing from the server.
pub fn validate_with_server(
    draft: &Draft,
    catalog: &[Tool],
    server: Option<&[Tool]>,
) -> Validation {
    validate_trusting(draft, catalog, server, &TrustedHosts::default())
}

/// What the organisation has set up: the hosts it runs, and the server its
/// Codex requirements allow.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Organisation {
    /// The hosts it runs (`trusted_hosts`, and the default URL's host).
    pub trusted: TrustedHosts,
    /// The server its `requirements.toml` allows (`[codex_requirements]`).
    pub requirements: Option<Requirements>,
}

/// [`validate_with_server`], also warning about what the draft sends
/// elsewhere (see [`trust_warnings`]): a server outside `trusted`, an OAuth
/// resource on another origin, a bearer token. Warnings only: the person's
/// own typing is never held back.
pub fn validate_trusting(
    draft: &Draft,
    catalog: &[Tool],
    server: Option<&[Tool]>,
    trusted: &TrustedHosts,
) -> Validation {
    let org = Organisation {
        trusted: trusted.clone(),
        requirements: None,
    };
    validate_for(draft, catalog, server, &org)
}

/// [`validate_trusting`] for an organisation that may also hold Codex to
/// one allowed server: the entry carries the allowed URL's exact bytes, and
/// a name or URL Codex would turn off gets a requirements warning.
pub fn validate_for(
    draft: &Draft,
    catalog: &[Tool],
    server: Option<&[Tool]>,
    org: &Organisation,
) -> Validation {
    let trusted = &org.trusted;
    let mut findings = Vec::new();
    let mut notes = Vec::new();
    let facts = draft.client.facts();
    let who = facts.name;

    // The release field, and what a release does with the choices, are
    // the client's only where its facts say so; the organisation's Codex
    // requirements likewise.
    let release = if facts.follows_release {
        let release = codex::check_release(&draft.codex, &mut findings);
        codex::release_notes(draft, release, &mut notes);
        release
    } else {
        crate::clients::codex::newest()
    };
    let requirements = org
        .requirements
        .as_ref()
        .filter(|_| facts.bound_by_codex_requirements);
    if let Some(req) = requirements {
        codex::requirements_note(req, release, &mut notes);
    }
    let name = name::check_name(&draft.name, facts, &mut findings);
    let url = match normalize_mcp_url(&draft.url, who) {
        Ok(normalized) => {
            findings.extend(normalized.warnings.iter().cloned());
            Some(normalized.url)
        }
        Err(error) => {
            findings.push(error);
            None
        }
    };
    let tools = tools::check_tools(&draft.tools, who, &mut findings);
    if let Some(server) = server {
        tools::check_against_server(&draft.tools, &tools, server, who, &mut findings);
    }
    if let Some(name) = name {
        let exposed: Vec<&str> = match (&tools.enabled_tools, server) {
            (Some(list), _) => list.iter().map(String::as_str).collect(),
            (None, Some(server)) => server.iter().map(|t| t.name.as_str()).collect(),
            (None, None) => catalog.iter().map(|t| t.name.as_str()).collect(),
        };
        name::check_qualified_length(name, who, &exposed, &mut findings);
    }
    let advanced = advanced::check_advanced(draft, &mut findings);
    let tool_approvals = tools::check_approvals(&draft.tool_approvals, &mut findings);
    findings.extend(trust_warnings(
        url.as_ref(),
        advanced.oauth_resource.as_deref(),
        advanced.bearer_token_env_var.as_deref(),
        trusted,
        facts,
    ));

    let has_error =
        findings.iter().any(|f| f.severity == Severity::Error) || notes.iter().any(|n| n.blocks);
    let exact_url = match (requirements, &url) {
        (Some(req), Some(url)) => req.exact_url(url).map(str::to_owned),
        _ => None,
    };
    let requirements = requirements.map_or_else(Vec::new, |req| {
        let written = exact_url
            .clone()
            .or_else(|| url.as_ref().map(|u| u.as_str().to_owned()));
        req.warnings(draft.name.trim(), written.as_deref())
    });
    let config = match (name, &url, has_error) {
        (Some(name), Some(url), false) => Some(ServerConfig {
            client: draft.client,
            name: name.to_owned(),
            url: url.clone(),
            exact_url: exact_url.clone(),
            enabled_tools: tools.enabled_tools,
            disabled_tools: tools.disabled_tools,
            enabled: draft.enabled,
            required: draft.required,
            startup_timeout_sec: advanced.startup_timeout_sec,
            tool_timeout_sec: advanced.tool_timeout_sec,
            scopes: advanced.scopes,
            oauth_resource: advanced.oauth_resource,
            oauth_client_id: advanced.oauth_client_id,
            bearer_token_env_var: advanced.bearer_token_env_var,
            location: draft.location,
            remote: draft.remote,
            default_approval: codex::writable_mode(
                crate::clients::codex::DEFAULT_APPROVAL_KEY,
                draft.default_approval,
                release,
            ),
            tool_approvals: tool_approvals
                .into_iter()
                .filter_map(|(tool, mode)| {
                    codex::writable_mode(
                        crate::clients::codex::TOOL_APPROVAL_KEY,
                        Some(mode),
                        release,
                    )
                    .map(|mode| (tool, mode))
                })
                .collect(),
            codex: release,
        }),
        _ => None,
    };
    Validation {
        findings,
        normalized_url: url,
        notes,
        requirements,
        config,
    }
}

/// Quotes a piece of user input for a message: back-ticked, control
/// characters made visible and long values shortened, so a message stays
/// readable whatever was pasted.
pub fn excerpt(input: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::from("`");
    for (i, c) in input.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&format!("U+{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('`');
    out
}

/// Names a character for a message: `@`, "a space", "U+0007".
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}
