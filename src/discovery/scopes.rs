//! The scopes a client asks for, and whether they cover what the server's
//! challenge wants; and whether a client that signs in only when
//! `initialize` is refused ever gets to sign in.

use super::documents;
use super::{Fixer, Learned, Profile, Step, Verdict};

/// The scopes `profile`'s client asks for, from what the check learned:
/// the person's, else (for a client that picks them) those of the
/// challenge it saw, else the protected resource's `scopes_supported`,
/// else none.
pub fn requested_scopes(profile: &Profile, learned: &Learned) -> Vec<String> {
    if !profile.scopes.is_empty() {
        profile.scopes.clone()
    } else if !profile.selects_scopes {
        Vec::new()
    } else if !learned.own_challenge_scope.is_empty() {
        learned.own_challenge_scope.clone()
    } else {
        learned.resource_scopes.clone()
    }
}

/// Whether the scopes the client asks for cover those the server's
/// challenge wants; a client that tests its token reports it cannot
/// connect when they do not. And whether a client that signs in only when
/// `initialize` is refused ever gets to sign in here.
pub(super) fn judge_scopes(profile: &Profile, learned: &Learned, step: &mut Step) {
    if profile.signs_in_only_at_initialize && learned.initialize_answered {
        documents::note(
            step,
            Verdict::Error,
            Fixer::Operator,
            format!(
                "{who} signs in only when the server refuses `initialize`, and this server answers `initialize` without a token (it asks for sign-in only at its tools): {who}'s sign-in ends \"Failed to get tools\". The operator makes the MCP endpoint ask for sign-in at `initialize` too.",
                who = profile.who
            ),
        );
    }
    let who = &profile.who;
    let requested = requested_scopes(profile, learned);
    step.facts.push(if requested.is_empty() {
        format!("{who} asks for no scope")
    } else {
        format!("{who} asks for the scopes {}", requested.join(" "))
    });
    let asks = if requested.is_empty() {
        "no scope".to_owned()
    } else {
        format!("`{}`", requested.join(" "))
    };
    let missing: Vec<&str> = learned
        .challenge_scope
        .iter()
        .filter(|s| !requested.contains(s))
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        return;
    }
    let wanted = format!("`{}`", missing.join(" "));
    let noun = if missing.len() == 1 {
        "the scope"
    } else {
        "the scopes"
    };
    let (verdict, outcome) = if profile.steps_up {
        (
            Verdict::Warning,
            format!("{who} signs in once more for it when the server refuses its token"),
        )
    } else if profile.tests_the_token {
        (
            Verdict::Error,
            format!("the server refuses its token, and {who} says it cannot connect"),
        )
    } else {
        (
            Verdict::Warning,
            format!("{who} signs in, but the server will refuse its calls"),
        )
    };
    let fix = if profile.reads_scopes {
        format!("Add {wanted} to the OAuth scopes (Advanced).")
    } else {
        format!(
            "{who} has no place for scopes: the operator lists {wanted} in the protected resource metadata's `scopes_supported`."
        )
    };
    documents::note(
        step,
        verdict,
        Fixer::Person,
        format!(
            "The server's challenge asks for {noun} {wanted}, and {who} asks for {asks}: {outcome}. {fix}"
        ),
    );
}
