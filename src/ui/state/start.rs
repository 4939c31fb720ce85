//! What the form starts with in this browser: a share link, the draft
//! saved here, or the presets' defaults, and what to tell the person.

use crate::model::{Draft, Tool, decode_compact};
use crate::share::{LinkReview, Notice, apply_share_query, draft_query};
use crate::ui::io::browser;
use crate::validate::{host_of, with_ascii_host};

/// What to tell the person about how the page started.
#[derive(Clone, Debug, Default)]
pub struct StartNotice {
    /// The form was filled from a share link.
    pub from_link: bool,
    /// The link replaced a draft saved in this browser, which can come back.
    pub can_restore: bool,
    /// Problems with the link's parameters.
    pub notices: Vec<Notice>,
    /// Why the operator's presets file was not used.
    pub presets: Option<String>,
    /// The host the link points Codex at, when its URL is usable.
    pub link_host: Option<String>,
}

/// What the form starts with, and what to tell the person about it.
pub struct Start {
    /// The draft the form opens with.
    pub draft: Draft,
    /// Where it came from, and problems with a link or the presets.
    pub notice: StartNotice,
    /// The server's tools imported earlier in this browser.
    pub server_tools: Option<Vec<Tool>>,
    /// The share link under review, when the form opened from one (or from
    /// a draft a link filled that the person has not answered yet).
    pub review: Option<LinkReview>,
}

impl Start {
    /// The page as it first looks to anyone: the presets' defaults. This is
    /// what the build prerenders, so it reads nothing from a browser.
    pub fn fresh(defaults: &Draft) -> Self {
        Self {
            draft: defaults.clone(),
            notice: StartNotice::default(),
            server_tools: None,
            review: None,
        }
    }

    /// Decides what the form starts with in this browser: an opened share
    /// link wins over the draft saved here (which is kept to restore), which
    /// wins over the defaults.
    pub fn from_browser(defaults: &Draft) -> Self {
        let (draft, notice, review) = starting_draft(defaults);
        Self {
            draft,
            notice,
            server_tools: saved_server_tools(),
            review,
        }
    }
}

/// The server's tools imported earlier in this browser, if any.
fn saved_server_tools() -> Option<Vec<Tool>> {
    browser::saved_server_tools().and_then(|saved| decode_compact(&saved))
}

/// The review of a link whose values a saved draft may still hold: a
/// reload must not turn a link's unanswered settings into the person's own.
fn pending_review(defaults: &Draft) -> Option<LinkReview> {
    browser::link_under_review().map(|q| LinkReview::new(apply_share_query(defaults, &q).draft))
}

fn starting_draft(defaults: &Draft) -> (Draft, StartNotice, Option<LinkReview>) {
    let defaults = defaults.clone();
    let query = browser::page_query();
    let saved = browser::saved_draft();
    let from_saved = || {
        saved
            .as_deref()
            .map(|s| apply_share_query(&defaults, s).draft)
            .unwrap_or_else(|| defaults.clone())
    };
    if query.trim_start_matches('?').is_empty() {
        return (
            from_saved(),
            StartNotice::default(),
            pending_review(&defaults),
        );
    }
    let shared = apply_share_query(&defaults, &query);
    browser::forget_page_query();
    if !shared.prefilled {
        let notice = StartNotice {
            notices: shared.notices,
            ..StartNotice::default()
        };
        return (from_saved(), notice, pending_review(&defaults));
    }
    browser::keep_link_under_review(Some(&query));
    if let Some(saved) = saved
        .as_deref()
        .filter(|s| *s != draft_query(&shared.draft))
    {
        browser::save_previous_draft(saved);
    }
    let url = &shared.draft.url;
    let notice = StartNotice {
        from_link: true,
        can_restore: browser::has_previous_draft(),
        notices: shared.notices,
        presets: None,
        link_host: host_of(
            with_ascii_host(url, &browser::domain_to_ascii)
                .as_deref()
                .unwrap_or(url),
        ),
    };
    let review = LinkReview::new(shared.draft.clone());
    (shared.draft, notice, Some(review))
}
