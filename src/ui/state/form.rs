//! The page's state: the draft as typed, everything derived from it, and
//! what the organisation trusts. Every component reads it, whatever part of
//! the program it loads with.

use leptos::prelude::*;

use crate::model::{Client, Draft, Field, Tool};
use crate::share::{LinkReview, ShareRisk};
use crate::ui::io::browser;
use crate::validate::{
    Organisation, Requirements, Severity, TrustedHosts, Validation, validate_for, with_ascii_hosts,
};

/// The page's state: the draft as typed, and everything derived from it.
#[derive(Clone, Copy)]
pub struct FormState {
    /// What the person typed.
    pub draft: RwSignal<Draft>,
    /// The client chosen (the draft's), on its own: what speaks of the
    /// client follows this, not every keystroke.
    pub client: Memo<Client>,
    /// Fires once every client's words have arrived with the module of
    /// the program that carries them (the first visit's carries the
    /// default client's only: `render::default_words`); see
    /// `ui::widgets::chosen`.
    pub words_arrived: Trigger,
    /// The draft, validated; every output derives from this.
    pub validation: Memo<Validation>,
    /// The tools offered in the picker.
    pub catalog: StoredValue<Vec<Tool>>,
    /// The form's defaults (from the presets); share links leave these out.
    pub defaults: StoredValue<Draft>,
    /// The server's real tools, once imported (kept in this browser only).
    pub server_tools: RwSignal<Option<Vec<Tool>>>,
    /// Fields whose errors are not shown yet: on a page that opens with the
    /// defaults, every field until the person types in it or leaves it.
    pub untouched: RwSignal<Vec<Field>>,
    /// The hosts the organisation runs (presets).
    pub trusted: StoredValue<TrustedHosts>,
    /// The server the organisation's Codex requirements allow (presets).
    pub requirements: StoredValue<Option<Requirements>>,
    /// The share link the form was opened from, and what the person answered.
    pub review: RwSignal<Option<LinkReview>>,
    /// What the link sets that is still unanswered; while any is, nothing
    /// can be copied.
    pub risks: Memo<Vec<ShareRisk>>,
    /// The client the operator registered for signing in from the page
    /// (presets' `browser_client_id`).
    pub browser_client_id: StoredValue<Option<String>>,
    /// Where the page's client id metadata document is, when the operator
    /// says (presets' `client_metadata_url`).
    pub client_metadata_url: StoredValue<Option<String>>,
    /// The redirect URIs the cluster admits (presets'
    /// `allowed_redirect_uris`).
    pub allowed_redirect_uris: StoredValue<Vec<String>>,
    /// The MCP clients the page offers, in order (presets' `clients`).
    pub clients: StoredValue<Vec<Client>>,
}

/// The lookup of a client's words (`render::words`).
pub type WordsOf = fn(Client) -> &'static dyn crate::render::Words;

/// What the organisation trusts, and the link under review, for a [`FormState`].
#[derive(Clone, Debug, Default)]
pub struct Trust {
    /// The hosts the organisation runs.
    pub hosts: TrustedHosts,
    /// The server its Codex requirements allow.
    pub requirements: Option<Requirements>,
    /// The share link the form opened from, if any.
    pub review: Option<LinkReview>,
    /// The client registered for signing in from the page, if any.
    pub browser_client_id: Option<String>,
    /// Where the page's client id metadata document is, if the operator says.
    pub client_metadata_url: Option<String>,
    /// The redirect URIs the cluster admits.
    pub allowed_redirect_uris: Vec<String>,
    /// The MCP clients offered, in order.
    pub clients: Vec<Client>,
}

impl FormState {
    /// Builds the state around a starting draft.
    pub fn new(
        start: Draft,
        server_tools: Option<Vec<Tool>>,
        catalog: Vec<Tool>,
        defaults: Draft,
        trust: Trust,
    ) -> Self {
        let untouched = RwSignal::new(if start == defaults {
            Field::ALL.to_vec()
        } else {
            Vec::new()
        });
        let draft = RwSignal::new(start);
        let client = Memo::new(move |_| draft.with(|d| d.client));
        let defaults = StoredValue::new(defaults);
        let catalog = StoredValue::new(catalog);
        let server_tools = RwSignal::new(server_tools);
        let org = StoredValue::new(Organisation {
            trusted: trust.hosts.clone(),
            requirements: trust.requirements.clone(),
        });
        let trusted = StoredValue::new(trust.hosts);
        let requirements = StoredValue::new(trust.requirements);
        let validation = Memo::new(move |_| {
            server_tools.with(|server| {
                catalog.with_value(|c| {
                    draft.with(|d| {
                        let ascii = with_ascii_hosts(d, &browser::domain_to_ascii);
                        org.with_value(|o| {
                            validate_for(ascii.as_ref().unwrap_or(d), c, server.as_deref(), o)
                        })
                    })
                })
            })
        });
        let review = RwSignal::new(trust.review);
        let risks = Memo::new(move |_| {
            review.with(|r| {
                r.as_ref().map_or_else(Vec::new, |r| {
                    draft.with(|d| trusted.with_value(|t| r.risks(d, t, &browser::domain_to_ascii)))
                })
            })
        });
        Self {
            draft,
            client,
            words_arrived: Trigger::new(),
            validation,
            catalog,
            defaults,
            server_tools,
            untouched,
            trusted,
            requirements,
            review,
            risks,
            browser_client_id: StoredValue::new(trust.browser_client_id),
            client_metadata_url: StoredValue::new(trust.client_metadata_url),
            allowed_redirect_uris: StoredValue::new(trust.allowed_redirect_uris),
            clients: StoredValue::new(trust.clients),
        }
    }

    /// Whether copying is held back until the person answers what a share
    /// link sets (tracked).
    pub fn copy_held(&self) -> bool {
        !self.risks.with(Vec::is_empty)
    }

    /// The messages of one severity that `field` shows now (tracked):
    /// warnings always, errors once the field is touched.
    pub fn shown_messages(&self, field: Field, severity: Severity) -> Vec<String> {
        if severity == Severity::Error && self.untouched.with(|u| u.contains(&field)) {
            return Vec::new();
        }
        self.validation.with(|v| {
            v.messages(field, severity)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
    }

    /// Whether `field` shows as invalid now (tracked): a shown error, or a
    /// note about the release that blocks (shown at once: it is no typo).
    pub fn field_blocked_shown(&self, field: Field) -> bool {
        !self.shown_messages(field, Severity::Error).is_empty()
            || self.validation.with(|v| {
                v.notes_at(&crate::validate::NotePlace::Field(field))
                    .any(|n| n.blocks)
            })
    }

    /// Sets `field` of the draft as typing would (its errors show from now
    /// on): how a panel applies a value it found for the person.
    pub fn set_field(&self, field: Field, set: impl FnOnce(&mut Draft)) {
        self.touch(field);
        self.draft.update(set);
    }

    /// The person has typed in `field` or left it: its errors show from now on.
    pub fn touch(&self, field: Field) {
        if self.untouched.with_untracked(|u| u.contains(&field)) {
            self.untouched.update(|u| u.retain(|f| *f != field));
        }
    }
}
