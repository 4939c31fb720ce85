//! What an administrator ships to every laptop: the `requirements.toml`
//! allowlist entry for the form's server, the fleet entry for
//! `/etc/codex/config.toml`, and both as a macOS configuration profile.

use toml_writer::{ToTomlKey, ToTomlValue};

use super::render_config_toml;
use crate::model::ServerConfig;

/// How the allowlist matches the server's URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllowBy {
    /// `url = "…"`: exactly the entry's URL (every release).
    ExactUrl,
    /// `url = { match = "prefix", value = "https://host/" }`: any URL on
    /// the server's origin (Codex 0.143 and later; earlier releases refuse
    /// to start with it).
    OriginPrefix,
}

/// The URL prefix [`AllowBy::OriginPrefix`] allows: the entry's origin and `/`.
pub fn origin_prefix(config: &ServerConfig) -> String {
    format!("{}/", config.url.origin().ascii_serialization())
}

/// The allowlist's value for the URL: the string, or the matcher.
pub fn identity_url(config: &ServerConfig, by: AllowBy) -> String {
    match by {
        AllowBy::ExactUrl => config.url_text().to_toml_value(),
        AllowBy::OriginPrefix => format!(
            "{{ match = \"prefix\", value = {} }}",
            origin_prefix(config).as_str().to_toml_value()
        ),
    }
}

/// The `[mcp_servers.NAME.identity]` table `requirements.toml` allows the
/// entry with. Codex compares names and URLs as strings, so these are the
/// entry's own bytes.
pub fn requirements_entry(config: &ServerConfig, by: AllowBy) -> String {
    format!(
        "[mcp_servers.{}.identity]\nurl = {}\n",
        config.name.as_str().to_toml_key(),
        identity_url(config, by)
    )
}

/// The fleet entry for `/etc/codex/config.toml`: the same table a person
/// writes in their own config.toml, which still wins over it.
pub fn managed_config(config: &ServerConfig) -> String {
    render_config_toml(config)
}

/// `text`'s bytes in standard base64, as the macOS profile keys
/// `requirements_toml_base64` and `config_toml_base64` take them.
pub fn base64(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
}

/// A stable UUID for a profile's payload, from what it holds: installing
/// the same profile again replaces it rather than adding a second.
fn payload_uuid(seed: &str) -> String {
    // Two FNV-1a passes with different offsets make 128 bits.
    let fnv = |offset: u64| {
        seed.bytes().fold(offset, |hash, b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142));
    let hex = format!("{a:016X}{b:016X}");
    format!(
        "{}-{}-5{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A macOS configuration profile (`.mobileconfig`) that sets Codex's
/// managed preferences (domain `com.openai.codex`): `requirements_toml`
/// and `config_toml` as base64, for an MDM or a double-click install.
pub fn mobileconfig(server: &str, requirements: &str, config: &str) -> String {
    let id = format!(
        "com.openai.codex.mcp.{}",
        server.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-")
    );
    let outer = payload_uuid(&format!("{id}|{requirements}|{config}"));
    let inner = payload_uuid(&format!("{id}|payload|{requirements}|{config}"));
    let name = xml_escape(server);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>PayloadContent</key>
	<array>
		<dict>
			<key>PayloadType</key>
			<string>com.openai.codex</string>
			<key>PayloadIdentifier</key>
			<string>{id}.settings</string>
			<key>PayloadUUID</key>
			<string>{inner}</string>
			<key>PayloadVersion</key>
			<integer>1</integer>
			<key>PayloadDisplayName</key>
			<string>Codex: the {name} MCP server</string>
			<key>requirements_toml_base64</key>
			<string>{req}</string>
			<key>config_toml_base64</key>
			<string>{cfg}</string>
		</dict>
	</array>
	<key>PayloadDisplayName</key>
	<string>Codex: the {name} MCP server</string>
	<key>PayloadDescription</key>
	<string>Allows the {name} MCP server in Codex's requirements and adds it to every user's Codex.</string>
	<key>PayloadIdentifier</key>
	<string>{id}</string>
	<key>PayloadType</key>
	<string>Configuration</string>
	<key>PayloadScope</key>
	<string>System</string>
	<key>PayloadUUID</key>
	<string>{outer}</string>
	<key>PayloadVersion</key>
	<integer>1</integer>
</dict>
</plist>
"#,
        req = base64(requirements),
        cfg = base64(config),
    )
}
