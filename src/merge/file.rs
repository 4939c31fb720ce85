//! An opened config.toml, byte for byte: what the merge reads from a file
//! the person opens or drops, and the bytes it saves back with the same
//! conventions (a textarea cannot carry them: browsers turn every CRLF
//! into LF in a text box's value).

use std::fmt;

/// The largest file the panel reads (a config.toml is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// UTF-8's byte-order mark, which Codex reads past.
const BOM: &str = "\u{feff}";

/// An opened file as the merge reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedFile {
    /// The text, line endings and a missing final newline as they were,
    /// without the byte-order mark.
    pub text: String,
    /// Whether the file began with a UTF-8 byte-order mark.
    pub bom: bool,
}

/// Why an opened file never reaches the merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Larger than [`MAX_FILE_BYTES`]; the size in bytes.
    TooLarge(u64),
    /// Holds NUL bytes: binary, not a text file.
    Binary,
    /// Not UTF-8 text; the offset of the first bad byte.
    NotUtf8(usize),
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge(bytes) => write!(
                f,
                "That file is {} ({bytes} bytes); a config.toml is a few kilobytes, and the page reads files up to 1 MiB. Open ~/.codex/config.toml itself.",
                human_size(*bytes)
            ),
            Self::Binary => f.write_str(
                "That file is binary (it holds NUL bytes), not a config.toml. Open ~/.codex/config.toml, a text file.",
            ),
            Self::NotUtf8(at) => write!(
                f,
                "That file is not UTF-8 text (byte {at} is not valid UTF-8), and Codex reads config.toml only as UTF-8. Save it as UTF-8 and open it again."
            ),
        }
    }
}

fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{}.{} MiB", bytes / MIB, (bytes % MIB) * 10 / MIB)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// Refuses a file by its size alone, before anything of it is read.
pub fn check_size(bytes: u64) -> Result<(), FileProblem> {
    if bytes > MAX_FILE_BYTES {
        Err(FileProblem::TooLarge(bytes))
    } else {
        Ok(())
    }
}

/// Reads an opened file's bytes: UTF-8 text without NUL bytes, its
/// byte-order mark noted and set apart.
pub fn read_config_file(bytes: &[u8]) -> Result<OpenedFile, FileProblem> {
    check_size(bytes.len() as u64)?;
    if bytes.contains(&0) {
        return Err(FileProblem::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| FileProblem::NotUtf8(e.valid_up_to()))?;
    Ok(match text.strip_prefix(BOM) {
        Some(rest) => OpenedFile {
            text: rest.to_owned(),
            bom: true,
        },
        None => OpenedFile {
            text: text.to_owned(),
            bom: false,
        },
    })
}

/// The bytes to save for `merged`: with the byte-order mark when the opened
/// file had one (the merge itself keeps CRLF and the missing final newline).
pub fn file_bytes(merged: &str, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(merged.len() + 3);
    if bom {
        out.extend_from_slice(BOM.as_bytes());
    }
    out.extend_from_slice(merged.as_bytes());
    out
}

/// The one-line check that asks Codex itself to read a saved file (from the
/// downloads folder) before it replaces the person's own, for bash and zsh.
pub const CODEX_CHECK_POSIX: &str = "d=$(mktemp -d) && cp ~/Downloads/config.toml \"$d/\" && CODEX_HOME=\"$d\" codex mcp list && echo 'Codex reads this file.'; rm -rf \"$d\"\n";

/// The same check for PowerShell.
pub const CODEX_CHECK_POWERSHELL: &str = "$d = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid()); New-Item -ItemType Directory $d | Out-Null; Copy-Item \"$HOME\\Downloads\\config.toml\" $d; $env:CODEX_HOME = $d; codex mcp list; if ($?) { 'Codex reads this file.' }; Remove-Item Env:CODEX_HOME; Remove-Item -Recurse $d\n";
