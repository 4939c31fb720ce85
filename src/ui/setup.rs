//! Where the entry lives and where Codex runs: two choices that change the
//! commands, not the entry.

use leptos::prelude::*;

use super::fields::VersionNotes;
use super::state::FormState;
use crate::model::ConfigLocation;
use crate::validate::NotePlace;

/// The "Where Codex runs" fieldset: the config file's location and the
/// remote-machine switch.
#[component]
pub fn SetupFields(state: FormState) -> impl IntoView {
    let location = move || state.draft.with(|d| d.location);
    let choose = move |value: ConfigLocation| state.draft.update(|d| d.location = value);
    let radio = move |value: ConfigLocation, label: &'static str, hint: &'static str| {
        let id = format!("location-{}", value.as_str());
        view! {
            <div class="check">
                <input type="radio" name="config-location" id=id.clone() value=value.as_str()
                    aria-describedby=format!("{id}-hint")
                    checked=state.draft.with_untracked(|d| d.location == value)
                    prop:checked=move || location() == value
                    on:change=move |_| choose(value) />
                <label for=id.clone()>{label}</label>
                <p class="hint" id=format!("{id}-hint")>{hint}</p>
            </div>
        }
    };
    view! {
        <fieldset class="setup">
            <legend>"Where Codex runs"</legend>
            <div role="radiogroup" aria-label="Where the entry lives" data-testid="config-location">
                {radio(ConfigLocation::User, "All my projects",
                    "In ~/.codex/config.toml; on Windows, %USERPROFILE%\\.codex\\config.toml.")}
                {radio(ConfigLocation::Project, "This repository only",
                    "In .codex/config.toml at the repository's root, which Codex reads only once you trust the project.")}
                <VersionNotes state=state place=NotePlace::Location />
            </div>
            <div class="check">
                <input type="checkbox" id="remote" name="remote" data-testid="remote-toggle"
                    aria-describedby="remote-hint"
                    checked=state.draft.with_untracked(|d| d.remote)
                    prop:checked=move || state.draft.with(|d| d.remote)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.draft.update(|d| d.remote = on);
                    } />
                <label for="remote">"Codex runs on another machine"</label>
                <p class="hint" id="remote-hint">
                    "Over SSH, in a dev container or on a cloud workstation: sign-in then prints a link to open on your own computer instead of opening a browser."
                </p>
                <VersionNotes state=state place=NotePlace::Remote />
            </div>
        </fieldset>
    }
}
