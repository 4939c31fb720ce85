// The questions scripts/codex-probe.mjs asks every release of the Codex CLI.
// Only the questions are written here; the answers (src/clients/codex/*.txt) come
// from running each real release, never from this file.
//
// A config probe is a whole config.toml. The release either reads it or
// refuses it, and a refusal is recorded in Codex's own words: the variants
// it lists, the type it expected, a missing field, or its sentence. A probe
// value is always the word `probe-value` (or the number 5), so the words can
// be told apart from the value.
//
// Ids: a dotted path (`*` for a key of the person's choosing) names the
// setting; `path=shape` names one value of it (`agents.*=false`).

const SERVER = '[mcp_servers.probe]\nurl = "http://127.0.0.1:9/mcp"\n';

/** A string where Codex wants another type, or a value outside an enum. */
const word = (key) => `${key} = "probe-value"\n`;
/** A number where Codex wants a string, list or table. */
const five = (key) => `${key} = 5\n`;

/** `key` at the top level, `[table] key` for a dotted path, with `value`. */
function at(path, value) {
  const parts = path.split('.');
  const key = parts.pop();
  const table = parts.map((p) => (p === '*' ? 'probe-key' : p)).join('.');
  return (table ? `[${table}]\n` : '') + value(key);
}

/** The settings the whole-file check reads, each with a wrong value. */
const SETTINGS = {
  // A value outside the enum: Codex lists the variants it knows.
  enum: [
    'approval_policy', 'sandbox_mode', 'file_opener', 'model_reasoning_summary',
    'model_reasoning_effort', 'model_verbosity', 'web_search', 'personality',
    'service_tier', 'mcp_oauth_credentials_store', 'cli_auth_credentials_store',
    'history.persistence', 'shell_environment_policy.inherit',
    'profiles.*.approval_policy', 'profiles.*.sandbox_mode',
    'profiles.*.model_reasoning_summary', 'profiles.*.model_reasoning_effort',
    'profiles.*.model_verbosity', 'projects.*.trust_level',
  ],
  // A number where Codex wants a string, a list or a table.
  notNumber: [
    'model', 'model_provider', 'instructions', 'notify', 'agents', 'permissions',
    'sandbox_workspace_write.writable_roots', 'tui.notifications',
    'profiles.*.model', 'profiles.*.model_provider',
  ],
  // A string where Codex wants a boolean or a number.
  notString: [
    'hide_agent_reasoning', 'model_context_window', 'mcp_oauth_callback_port',
    'history.max_bytes', 'sandbox_workspace_write.network_access',
  ],
};

/** Every config.toml the probe has each release read, by id. */
export const CONFIG_PROBES = [
  ...SETTINGS.enum.map((path) => ({ id: path, toml: at(path, word) })),
  ...SETTINGS.notNumber.map((path) => ({ id: path, toml: at(path, five) })),
  ...SETTINGS.notString.map((path) => ({ id: path, toml: at(path, word) })),
  // Values whose fate changed from one release to another.
  { id: 'approval_policy=untrusted', toml: 'approval_policy = "untrusted"\n' },
  { id: 'approval_policy=granular', toml: 'approval_policy = { granular = { sandbox_approval = true, rules = true, mcp_elicitations = true } }\n' },
  { id: 'approval_policy=granular-partial', toml: 'approval_policy = { granular = { sandbox_approval = true } }\n' },
  { id: 'profile=existing', toml: 'profile = "probe-value"\n\n[profiles.probe-value]\nmodel = "o3"\n' },
  { id: 'profile=missing', toml: 'profile = "probe-value"\n' },
  { id: 'features.*=string', toml: '[features]\nprobe-key = "probe-value"\n' },
  // A feature takes a table of settings only where that release has such
  // settings for it: asked by name, for the features public files set.
  ...['apps_mcp_path_override', 'network_proxy', 'multi_agent_v2'].map((name) => ({
    id: `features.${name}=table`,
    toml: `[features.${name}]\nenabled = true\n`,
  })),
  { id: 'hooks=array', toml: '[[hooks]]\nevent = "probe-value"\n' },
  { id: 'tui.notifications=list', toml: '[tui]\nnotifications = ["probe-value"]\n' },
  { id: 'model_providers.openai', toml: '[model_providers.openai]\nname = "probe"\n' },
  { id: 'model_providers.ollama', toml: '[model_providers.ollama]\nname = "probe"\n' },
  { id: 'model_providers.lmstudio', toml: '[model_providers.lmstudio]\nname = "probe"\n' },
  { id: 'model_providers.*=nameless', toml: '[model_providers.probe-key]\nbase_url = "http://127.0.0.1:9/v1"\n' },
  { id: 'model_providers.*.wire_api', toml: '[model_providers.probe-key]\nname = "probe"\nwire_api = "probe-value"\n' },
  { id: 'model_providers.*.wire_api=chat', toml: '[model_providers.probe-key]\nname = "probe"\nwire_api = "chat"\n' },
  // The server entry's keys: a release knows a key when a wrong value is refused.
  ...[
    ['bearer_token_env_var', five], ['enabled', word], ['required', word],
    ['startup_timeout_sec', word], ['tool_timeout_sec', word],
    ['enabled_tools', five], ['disabled_tools', five], ['scopes', five],
    ['oauth_resource', five], ['http_headers', five], ['env_http_headers', five],
    ['default_tools_approval_mode', word], ['auth', word],
  ].map(([key, value]) => ({ id: `mcp_servers.*.${key}`, toml: SERVER + value(key) })),
  ...[
    ['oauth.client_id', five], ['oauth.client_secret', five],
    ['oauth.callback_port', word], ['oauth.callback_url', five],
    ['tools.*.approval_mode', word],
  ].map(([path, value]) => ({
    id: `mcp_servers.*.${path}`,
    toml: SERVER + at(path, value).replace(/^\[(.*)\]/, '[mcp_servers.probe.$1]'),
  })),
  { id: 'mcp_servers.*=bare-dotted', toml: '[mcp_servers.probe.dotted]\nurl = "http://127.0.0.1:9/mcp"\n' },
];

/** Characters beyond letters, digits, `-` and `_` a server name may hold. */
export const NAME_CHARACTERS = ['.', '/', ':', '@'];

/** The subcommands whose --help flags are recorded. */
export const HELP_COMMANDS = [['mcp', 'add'], ['mcp', 'login'], ['mcp', 'get'], ['mcp', 'list'], ['mcp', 'remove'], ['mcp', 'logout']];
