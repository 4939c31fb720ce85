//! The tool picker, which loads later (prerendered for the first paint):
//! where its names come from (`source.rs`, with signing in from the page
//! and the import), and the choices (`choice.rs`: approvals, all tools or
//! only some, the rows, tools typed by name), in parts that each go live in
//! a task of their own.

mod choice;
mod connect;
mod rows;
mod source;

pub use self::choice::{ToolAdditions, ToolApproval, ToolTable};
pub use self::source::ToolSource;
#[cfg(target_arch = "wasm32")]
pub use self::source::{SourceHeader, SourceImport};

use leptos::prelude::*;

use crate::render::Word;
use crate::ui::state::FormState;
use crate::ui::widgets::Say;

/// The wrapper of where the picker's names come from.
pub const SOURCE_PART: &str = "island-tools-source";
/// The wrapper of the source's "Get my server's tools", with the import.
pub const IMPORT_PART: &str = "island-tools-import";
/// The wrapper of when the client asks, and all tools or only some.
pub const APPROVAL_PART: &str = "island-tools-approval";
/// The wrapper of the rows.
pub const TABLE_PART: &str = "island-tools-table";
/// The wrapper of a tool added by name and the fixes.
pub const ADDITIONS_PART: &str = "island-tools-additions";

/// The picker, whole: its frame, and its parts in their wrappers.
#[component]
pub fn ToolPicker(state: FormState) -> impl IntoView {
    let extra = RwSignal::new(Vec::<String>::new());
    view! {
        <fieldset class="tools" aria-describedby="tools-hint">
            <legend><Say state=state word=Word::ToolsLegend /></legend>
            <p class="hint" id="tools-hint">
                "Choose all the server's tools, or only some, and block any. Add any other tool by its exact name."
            </p>
            <ToolSource state=state />
            <div class="island" id=APPROVAL_PART><ToolApproval state=state /></div>
            <div class="island" id=TABLE_PART><ToolTable state=state extra=extra /></div>
            <div class="island" id=ADDITIONS_PART><ToolAdditions state=state extra=extra /></div>
        </fieldset>
    }
}
