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

// The shapes public config.toml files give `[features]`, `agents` and
// `permissions`, each asked of every release. Two kinds of id:
//   `path` alone     a wrong value for a key (5, or a word): refused means the
//                    release reads the key (the answer names its type or its
//                    words); not refused means it ignores the key;
//   `path=shape`     one value public files use: `false`, a word, `:*` (a
//                    built-in profile name the release does not have),
//                    `string` (any other word), `int`, `table`.
//   `path=known`     a key that is a name the release may not know (a
//                    filesystem special path such as `:minimal`), with a value
//                    it takes.
// A permissions profile needs `default_permissions` beside it (0.130 refuses
// a file without it) and, in 0.113, a filesystem table: each profile
// question comes with both, and uses a plain path where a path is asked.
const DEFAULT = 'default_permissions = "probe-key"\n';
const FILESYSTEM = '[permissions.probe-key.filesystem]\n"/tmp" = "read"\n';
const inProfile = (lines) => `${DEFAULT}[permissions.probe-key]\n${lines}\n${FILESYSTEM}`;
const inFilesystem = (lines) => `${DEFAULT}[permissions.probe-key.filesystem]\n${lines}`;
const inScope = (lines) => `${DEFAULT}[permissions.probe-key.filesystem."/tmp/probe"]\n${lines}`;
const inNetwork = (sub, lines) => `${DEFAULT}${FILESYSTEM}[permissions.probe-key.network${sub}]\n${lines}`;
const access = ['read', 'write', 'deny', 'none', 'read-write'];
const SPECIAL_PATHS = [':root', ':minimal', ':tmpdir', ':slash_tmp', ':project_roots', ':workspace_roots'];
const BUILT_IN_PROFILES = [':workspace', ':read-only', ':danger-full-access'];
const SHAPES = [
  // [features]: each value a boolean; a table only for the features that
  // take one (asked by name in codex-probe.mjs, every feature the release lists).
  { id: 'features.*', toml: '[features]\nprobe-key = "probe-value"\n' },
  { id: 'features.*=table', toml: '[features.probe-key]\nenabled = true\n' },
  // agents: settings, and roles (a table each, or `NAME = false`).
  { id: 'agents.*', toml: '[agents]\nprobe-key = 5\n' },
  { id: 'agents.*=false', toml: '[agents]\nprobe-key = false\n' },
  // (a role's config_file must exist on the person's machine: not asked)
  { id: 'agents.*=table', toml: '[agents.probe-key]\ndescription = "probe-value"\n' },
  { id: 'agents.*.description', toml: '[agents.probe-key]\ndescription = 5\n' },
  { id: 'agents.*.config_file', toml: '[agents.probe-key]\nconfig_file = 5\n' },
  { id: 'agents.*.nickname_candidates', toml: '[agents.probe-key]\nnickname_candidates = 5\n' },
  { id: 'agents.enabled=false', toml: '[agents]\nenabled = false\n' },
  ...['enabled', 'max_threads', 'max_depth', 'job_max_runtime_seconds', 'max_concurrent_threads_per_session']
    .map((key) => ({ id: `agents.${key}`, toml: `[agents]\n${key} = "probe-value"\n` })),
  // permissions: profiles of filesystem and network rules.
  { id: 'default_permissions', toml: 'default_permissions = 5\n' },
  ...BUILT_IN_PROFILES.map((name) => ({ id: `default_permissions=${name}`, toml: `default_permissions = "${name}"\n` })),
  { id: 'default_permissions=:*', toml: 'default_permissions = ":probe-value"\n' },
  { id: 'default_permissions=without-permissions', toml: 'default_permissions = "probe-value"\n' },
  { id: 'default_permissions=undefined', toml: `default_permissions = "probe-value"\n${FILESYSTEM}` },
  { id: 'permissions=without-default', toml: FILESYSTEM },
  { id: 'permissions.*=without-filesystem', toml: `${DEFAULT}[permissions.probe-key.network]\nenabled = true\n` },
  { id: 'permissions.*', toml: `${DEFAULT}[permissions]\nprobe-key = 5\n` },
  ...['extends', 'description', 'workspace_roots', 'network']
    .map((key) => ({ id: `permissions.*.${key}`, toml: inProfile(`${key} = 5`) })),
  { id: 'permissions.*.filesystem', toml: `${DEFAULT}[permissions.probe-key]\nfilesystem = 5\n` },
  ...BUILT_IN_PROFILES.map((name) => ({ id: `permissions.*.extends=${name}`, toml: inProfile(`extends = "${name}"`) })),
  { id: 'permissions.*.extends=:*', toml: inProfile('extends = ":probe-value"') },
  { id: 'permissions.*.workspace_roots=table', toml: inProfile('workspace_roots = { "." = true }') },
  ...access.map((word) => ({ id: `permissions.*.filesystem.*=${word}`, toml: inFilesystem(`"/tmp/probe" = "${word}"\n`) })),
  { id: 'permissions.*.filesystem.*=string', toml: inFilesystem('"/tmp/probe" = "probe-value"\n') },
  { id: 'permissions.*.filesystem.*=table', toml: inScope('"." = "write"\n') },
  ...access.map((word) => ({ id: `permissions.*.filesystem.*.*=${word}`, toml: inScope(`"." = "${word}"\n`) })),
  { id: 'permissions.*.filesystem.*.*=string', toml: inScope('"." = "probe-value"\n') },
  ...SPECIAL_PATHS.map((name) => ({ id: `permissions.*.filesystem.${name}=known`, toml: inFilesystem(`"${name}" = "read"\n`) })),
  { id: 'permissions.*.filesystem.:*=known', toml: inFilesystem('":probe-value" = "read"\n') },
  { id: 'permissions.*.filesystem.glob_scan_max_depth=int', toml: inFilesystem('"/tmp" = "read"\nglob_scan_max_depth = 3\n') },
  { id: 'permissions.*.network.enabled', toml: inNetwork('', 'enabled = "probe-value"\n') },
  { id: 'permissions.*.network.mode', toml: inNetwork('', 'mode = "probe-value"\n') },
  { id: 'permissions.*.network.domains.*', toml: inNetwork('.domains', '"example.com" = "probe-value"\n') },
  { id: 'permissions.*.network.unix_sockets.*', toml: inNetwork('.unix_sockets', '"/tmp/probe.sock" = "probe-value"\n') },
];

/** Features public files set as a table, asked of every release even where it does not list them. */
export const TABLE_FEATURES = ['apps_mcp_path_override', 'network_proxy', 'multi_agent_v2'];

// The keys public files put in those tables, each with a value of its type
// (`=bool`, `=int`, `=string`), and one key no release has (`=any`): a
// feature's table may refuse keys it does not know.
const FEATURE_KEYS = {
  multi_agent_v2: {
    enabled: 'true', max_concurrent_threads_per_session: '4', min_wait_timeout_ms: '1000',
    max_wait_timeout_ms: '120000', default_wait_timeout_ms: '30000', usage_hint_enabled: 'false',
    usage_hint_text: '"probe-value"', root_agent_usage_hint_text: '"probe-value"',
    subagent_usage_hint_text: '"probe-value"', hide_spawn_agent_metadata: 'false',
    expose_spawn_agent_model_overrides: 'true',
  },
  network_proxy: { enabled: 'true' },
  apps_mcp_path_override: { enabled: 'true', path: '"/probe-value"' },
};
const typeOf = (value) => (value.startsWith('"') ? 'string' : /^\d+$/.test(value) ? 'int' : 'bool');
SHAPES.push(...Object.entries(FEATURE_KEYS).flatMap(([feature, keys]) => [
  ...Object.entries(keys).map(([key, value]) => ({
    id: `features.${feature}.${key}=${typeOf(value)}`,
    toml: `[features.${feature}]\n${key === 'enabled' ? '' : 'enabled = true\n'}${key} = ${value}\n`,
  })),
  { id: `features.${feature}.*=any`, toml: `[features.${feature}]\nenabled = true\nprobe-key = true\n` },
]));

/** The config.toml that gives feature `name` a table. */
export const featureTable = (name) => `[features.${/^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name)}]\nenabled = true\n`;

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
  ...SHAPES,
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
