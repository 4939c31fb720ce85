//! "Merge into my config": the person pastes their config.toml, sees what
//! is wrong with it (with one-click fixes), and copies the whole updated
//! file with a diff of what changes. The pasted text stays in this tab.

use leptos::prelude::*;

use crate::merge::{
    CODEX_CHECK_POSIX, CODEX_CHECK_POWERSHELL, CODEX_VERSION, Diagnosis, DiffRow, LineChange,
    MergeAction, MergeOutcome, check_size, diff_with_context, file_bytes, line_diff, merge_config,
    read_config_file,
};
use crate::render::codex::table_header;
use crate::ui::io::browser;
use crate::ui::state::FormState;
use crate::ui::widgets::{CopyBlock, with_code};
use crate::validate::Severity;

/// Unchanged lines shown around each change in the diff.
const CONTEXT_LINES: usize = 2;

/// One finding, with its fix button when it has a safe fix.
fn finding(
    d: Diagnosis,
    pasted: RwSignal<String>,
    undo: RwSignal<Option<String>>,
    status: RwSignal<String>,
) -> impl IntoView {
    let kind = if d.severity == Severity::Error {
        "error"
    } else {
        "warning"
    };
    let fix = d.fix.map(|fix| {
        let label = fix.label.clone();
        let apply = move |_| {
            let before = pasted.get_untracked();
            pasted.set(fix.apply(&before));
            browser::save_pasted_config(&pasted.get_untracked());
            undo.set(Some(before));
            status.set(format!("Applied: {}.", fix.label));
        };
        view! { <button type="button" class="secondary small" on:click=apply>{label}</button> }
    });
    view! {
        <li class=format!("msg {kind}") data-kind=d.kind.id() data-severity=kind>
            <p>{with_code(&d.message)}</p>
            {fix}
        </li>
    }
}

/// A summary of what the merge does, for the line above the result.
fn summary(outcome: &MergeOutcome, header: &str, diff_counts: (usize, usize)) -> String {
    let (added, removed) = diff_counts;
    match outcome.action {
        Some(MergeAction::Added) => {
            format!("Adds {header}: {added} lines added, nothing else changes.")
        }
        Some(MergeAction::Updated) => format!(
            "Updates {header} in place: {added} lines added, {removed} removed; everything else stays as it was."
        ),
        Some(MergeAction::Unchanged) => {
            format!("{header} already says exactly this: nothing to change.")
        }
        None => "Fix the problems marked in red, here or in your file, to get the updated file."
            .to_owned(),
    }
}

/// The merge panel, under the config.toml entry.
#[component]
pub fn MergePanel(state: FormState) -> impl IntoView {
    let pasted = RwSignal::new(browser::saved_pasted_config().unwrap_or_default());
    let undo = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    // The opened file's conventions the text box cannot show: its
    // byte-order mark (the text itself keeps CRLF and the last line).
    let bom = RwSignal::new(false);
    let opened = RwSignal::new(None::<String>);
    let file_problem = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    let outcome = Memo::new(move |_| {
        state.validation.with(|v| {
            v.config
                .as_ref()
                .map(|c| pasted.with(|p| merge_config(p, c)))
        })
    });
    // Memos, so that the copy block's several reads and the diff share one
    // copy of the merged file per change instead of cloning it at each read.
    let merged = Memo::new(move |_| outcome.with(|o| o.as_ref().and_then(|o| o.merged.clone())));
    let diff = Memo::new(move |_| {
        merged.with(|new| {
            let new = new.as_deref()?;
            Some(pasted.with(|old| line_diff(old, new)))
        })
    });
    let counts = move || {
        diff.with(|d| {
            d.as_ref().map_or((0, 0), |d| {
                let n = |c| d.iter().filter(|l| l.change == c).count();
                (n(LineChange::Added), n(LineChange::Removed))
            })
        })
    };
    let header = move || {
        state
            .validation
            .with(|v| v.config.as_ref().map(table_header).unwrap_or_default())
    };
    let findings = move || {
        outcome.with(|o| {
            o.as_ref()
                .map(|o| o.diagnoses.clone())
                .unwrap_or_default()
                .into_iter()
                .map(|d| finding(d, pasted, undo, status))
                .collect_view()
        })
    };
    let clean = move || {
        outcome.with(|o| {
            o.as_ref()
                .is_some_and(|o| o.diagnoses.is_empty() && !pasted.with(|p| p.trim().is_empty()))
        })
    };
    let summary_text = move || {
        outcome.with(|o| match o {
            Some(o) => summary(o, &header(), counts()),
            None => state.validation.with(|v| v.not_ready("the updated file")),
        })
    };
    // Settings Codex refuses the whole file for: the merged file is shown,
    // but never as one Codex will read.
    let refused_until = move || {
        outcome.with(|o| {
            let lines: Vec<String> = o
                .as_ref()?
                .refusals()
                .filter_map(|d| d.line.map(|l| l.to_string()))
                .collect();
            let at = match lines.as_slice() {
                [] => "the settings marked above".to_owned(),
                [one] => format!("line {one}, marked above"),
                [init @ .., last] => format!("lines {} and {last}, marked above", init.join(", ")),
            };
            o.as_ref()?.refusals().next().map(|_| {
                format!(
                    "Codex will refuse this file until you fix {at}: it would not start with it."
                )
            })
        })
    };
    let check_posix = Signal::derive(|| Some(CODEX_CHECK_POSIX.to_owned()));
    let check_powershell = Signal::derive(|| Some(CODEX_CHECK_POWERSHELL.to_owned()));
    let diff_rows = move || {
        diff.with(|d| {
            d.as_ref()
                .map(|d| diff_with_context(d, CONTEXT_LINES))
                .unwrap_or_default()
                .into_iter()
                .map(|row| match row {
                    DiffRow::Skipped(n) => view! {
                        <span class="diff-skip">{format!("⋯ {n} unchanged line{}\n", if n == 1 { "" } else { "s" })}</span>
                    }
                    .into_any(),
                    DiffRow::Line(line) => {
                        let (class, mark) = match line.change {
                            LineChange::Same => ("diff-same", "  "),
                            LineChange::Added => ("diff-add", "+ "),
                            LineChange::Removed => ("diff-del", "− "),
                        };
                        view! { <span class=class>{format!("{mark}{}\n", line.text)}</span> }.into_any()
                    }
                })
                .collect_view()
        })
    };
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        browser::save_pasted_config(&text);
        pasted.set(text);
        undo.set(None);
        opened.set(None);
        bom.set(false);
    };
    let open_file = move |file: web_sys::File| {
        file_problem.set(None);
        // Refused by size before a byte is read.
        if let Err(problem) = check_size(file.size() as u64) {
            file_problem.set(Some(problem.to_string()));
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            let read = browser::read_file(&file)
                .await
                .and_then(|bytes| read_config_file(&bytes).map_err(|p| p.to_string()));
            match read {
                Ok(file) => {
                    undo.set(Some(pasted.get_untracked()));
                    browser::save_pasted_config(&file.text);
                    pasted.set(file.text);
                    bom.set(file.bom);
                    status.set(format!("Opened {name}; Undo brings the earlier text back."));
                    opened.set(Some(name));
                }
                Err(problem) => file_problem.set(Some(problem)),
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            open_file(file);
        }
        // Choosing the same file again must fire again.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|files| files.get(0))
        {
            open_file(file);
        }
    };
    let save = move |_| {
        let Some(text) = merged.get_untracked() else {
            return;
        };
        match browser::download("config.toml", &file_bytes(&text, bom.get_untracked())) {
            Ok(()) => status.set("Saved config.toml to your downloads.".to_owned()),
            Err(e) => file_problem.set(Some(e)),
        }
    };
    let undo_last = move |_| {
        if let Some(before) = undo.get_untracked() {
            browser::save_pasted_config(&before);
            pasted.set(before);
            undo.set(None);
            status.set("Undone.".to_owned());
        }
    };

    view! {
        <section class="merge" class:dragging=move || dragging.get() aria-labelledby="merge-title"
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <h3 id="merge-title">"Merge into my config"</h3>
            <p>
                "Open, drop or paste your current " <code>"~/.codex/config.toml"</code> " to get the whole updated file: this entry added, "
                "or updated in place, with every comment, setting and other server kept as it is. "
                "The file never leaves this browser and is kept only in this tab."
            </p>
            <div class="merge-open">
                <label class="button secondary" for="merge-file">"Open config.toml…"</label>
                <input type="file" id="merge-file" class="sr-only" data-testid="merge-file" accept=".toml,*/*"
                    aria-describedby="merge-file-note" on:change=on_file />
                <span id="merge-file-note" class="hint">
                    "or drop it here. Pasting may change line endings (a text box turns CRLF into LF); opening the file keeps them."
                </span>
            </div>
            {move || opened.get().map(|name| view! {
                <p class="hint" data-testid="merge-opened">"Opened " <code>{name}</code>
                    {move || if bom.get() { " (UTF-8 with a byte-order mark, kept)" } else { "" }} "."</p>
            })}
            {move || file_problem.get().map(|p| view! {
                <div class="msg error" data-testid="merge-file-error" role="alert"><p>{with_code(&p)}</p></div>
            })}
            <details class="find-file">
                <summary>"Where is config.toml?"</summary>
                <ul>
                    <li><strong>"macOS: "</strong><code>"~/.codex/config.toml"</code>
                        ". In the file picker press Cmd+Shift+. to show hidden folders, or Cmd+Shift+G and type the path."</li>
                    <li><strong>"Linux: "</strong><code>"~/.codex/config.toml"</code>
                        ". In the file picker press Ctrl+H to show hidden folders, or Ctrl+L and type the path."</li>
                    <li><strong>"Windows: "</strong><code>"%USERPROFILE%\\.codex\\config.toml"</code>
                        ". Type that path into the picker's File name box, or turn on View › Show › Hidden items in File Explorer."</li>
                    <li>"If " <code>"CODEX_HOME"</code> " is set, the file is in that folder instead."</li>
                </ul>
            </details>
            <label for="merge-input">"Your current config.toml"</label>
            <textarea id="merge-input" data-testid="merge-input" rows="8" spellcheck="false"
                autocomplete="off" autocapitalize="off" aria-describedby="merge-summary"
                placeholder="Paste the file here. No file yet? Leave this empty and copy the result."
                prop:value=move || pasted.get() on:input=on_input></textarea>
            <div class="merge-actions">
                <Show when=move || undo.with(Option::is_some)>
                    <button type="button" class="secondary small" on:click=undo_last>"Undo"</button>
                </Show>
                <Show when=move || !pasted.with(String::is_empty)>
                    <button type="button" class="secondary small" on:click=move |_| {
                        undo.set(Some(pasted.get_untracked()));
                        browser::save_pasted_config("");
                        pasted.set(String::new());
                        opened.set(None);
                        bom.set(false);
                        status.set("Cleared; Undo brings the text back.".to_owned());
                    }>"Clear"</button>
                </Show>
            </div>
            <p class="sr-only" role="status" aria-live="polite">{move || status.get()}</p>
            <ul class="findings" data-testid="merge-diagnostics" aria-label="Problems found in your file">
                {findings}
            </ul>
            <Show when=clean>
                <p class="merge-clean" data-testid="merge-clean">
                    "No problems found in your file: its TOML, its " <code>"mcp_servers"</code>
                    " tables, and the settings Codex " {CODEX_VERSION}
                    " checks strictly (values it knows, their types, removed settings, reserved provider names, the shape of its tables). What depends on your machine, such as a file the config names, only Codex can check: see below."
                </p>
            </Show>
            {move || refused_until().map(|text| view! {
                <div class="msg error" data-testid="merge-refused" role="alert"><p>{with_code(&text)}</p></div>
            })}
            <p class="merge-summary" id="merge-summary" data-testid="merge-summary">{summary_text}</p>
            <CopyBlock testid="merged-config" title="updated config.toml" text=merged.into()
                reason=Signal::derive(move || "Fix the problems above to get the updated file.".to_owned()) />
            <button type="button" class="secondary" data-testid="merge-download"
                prop:disabled=move || merged.with(Option::is_none) || state.copy_held() on:click=save>
                "Download config.toml"
            </button>
            <details class="codex-check">
                <summary>"Ask Codex itself before you replace your file"</summary>
                <p class="hint">"After downloading the updated file, this has Codex read it from a scratch folder; your own config stays untouched."</p>
                <CopyBlock testid="merge-check-posix" title="check with Codex (bash/zsh)" text=check_posix />
                <CopyBlock testid="merge-check-powershell" title="check with Codex (PowerShell)" text=check_powershell />
            </details>
            <Show when=move || diff.with(Option::is_some) && !pasted.with(|p| p.trim().is_empty())>
                <details class="merge-diff" open>
                    <summary>"What changes"</summary>
                    <pre tabindex="0" aria-label="Changes to your file" data-testid="merge-diff">{diff_rows}</pre>
                </details>
            </Show>
        </section>
    }
}
