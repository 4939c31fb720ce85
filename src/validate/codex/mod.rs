//! What validation says for Codex: the notes for the person's release
//! (`release.rs`: what it does with each choice, from which release a
//! choice works, the commands' route), and the organisation's
//! requirements (`requirements.rs`: the server they allow, and where Codex
//! would turn one off).

mod release;
mod requirements;

pub use self::release::{FORWARDED_CALLBACK_PORT, NotePlace, VersionNote};
pub(crate) use self::release::{check_release, release_notes, requirements_note, writable_mode};
pub use self::requirements::{RequiredUrl, Requirements, RequirementsWarning};
