import type { CallSinkSpec, JsxSinkSpec, PropertySinkSpec } from "./spec";

const SQL_RECEIVER =
  /^(db|database|pool|client|conn|connection|sequelize|knex|manager|entityManager|dataSource|queryRunner|sql|mysql|pg|sqlite|trx|tx|getConnection|getManager|\w*(Db|DB|Pool|Client|Connection|Database|Repository))$/;

export const SQL_SINKS: readonly CallSinkSpec[] = [
  {
    kind: "js/sql-injection",
    library: "mysql, mysql2, pg, sqlite3, better-sqlite3, sequelize, TypeORM",
    methods: ["query", "execute"],
    receiver: SQL_RECEIVER,
    receiverModules: ["mysql", "mysql2", "mysql2/promise", "pg", "sqlite3", "better-sqlite3", "sequelize", "typeorm"],
    args: [0],
  },
  {
    kind: "js/sql-injection",
    library: "sqlite3, better-sqlite3",
    methods: ["run", "all", "get", "each", "exec", "prepare"],
    receiver: /^(db|database|sqlite|\w*(Db|DB|Database))$/,
    receiverModules: ["sqlite3", "better-sqlite3", "sqlite"],
    args: [0],
  },
  { kind: "js/sql-injection", library: "knex", methods: ["whereRaw", "orWhereRaw", "havingRaw", "orderByRaw", "joinRaw", "groupByRaw"], args: [0] },
  { kind: "js/sql-injection", library: "knex", methods: ["raw"], receiver: /^(knex|db|trx|database)$/, receiverModules: ["knex"], args: [0] },
  { kind: "js/sql-injection", library: "prisma", methods: ["$queryRawUnsafe", "$executeRawUnsafe"], args: [0] },
];

const FILTER_METHODS = [
  "find", "findOne", "findOneAndUpdate", "findOneAndDelete", "findOneAndReplace", "findOneAndRemove",
  "updateOne", "updateMany", "deleteOne", "deleteMany", "replaceOne", "countDocuments", "count", "exists", "where",
];

export const NOSQL_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/nosql-injection", library: "mongodb, mongoose", methods: FILTER_METHODS, args: [0], filterObject: true },
];

export const COMMAND_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/command-injection", library: "child_process", callees: ["child_process.exec", "child_process.execSync"], args: [0] },
  {
    kind: "js/command-injection",
    library: "child_process",
    callees: ["child_process.spawn", "child_process.spawnSync", "child_process.execFile", "child_process.execFileSync"],
    args: [0, 1],
    when: "shell-option",
  },
  { kind: "js/command-injection", library: "shelljs", callees: ["shelljs.exec"], args: [0] },
  { kind: "js/command-injection", library: "execa", callees: ["execa.command", "execa.commandSync", "execa.execaCommand", "execa.execaCommandSync"], args: [0] },
];

export const CODE_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/code-injection-taint", library: "ECMAScript", callees: ["eval", "Function"], args: ["last"], construct: true },
  { kind: "js/code-injection-taint", library: "timers", callees: ["setTimeout", "setInterval", "setImmediate"], args: [0] },
  {
    kind: "js/code-injection-taint",
    library: "vm",
    callees: ["vm.runInNewContext", "vm.runInThisContext", "vm.runInContext", "vm.compileFunction", "vm.Script"],
    args: [0],
    construct: true,
  },
];

const FS_PATH_FUNCTIONS = [
  "readFile", "readFileSync", "writeFile", "writeFileSync", "appendFile", "appendFileSync", "createReadStream",
  "createWriteStream", "unlink", "unlinkSync", "rm", "rmSync", "rmdir", "rmdirSync", "readdir", "readdirSync", "mkdir",
  "mkdirSync", "open", "openSync", "stat", "statSync", "lstat", "lstatSync", "access", "accessSync", "truncate", "truncateSync", "chmod", "chmodSync", "outputFile", "remove",
  "readJson", "readJSON", "pathExists", "existsSync", "exists",
];
const FS_TWO_PATH_FUNCTIONS = ["copyFile", "copyFileSync", "rename", "renameSync", "link", "linkSync", "symlink", "symlinkSync", "cp", "cpSync", "copy", "move"];

export const PATH_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/path-traversal", library: "fs, fs/promises, fs-extra", callees: FS_PATH_FUNCTIONS.map((f) => `fs.${f}`), args: [0] },
  { kind: "js/path-traversal", library: "fs, fs/promises, fs-extra", callees: FS_TWO_PATH_FUNCTIONS.map((f) => `fs.${f}`), args: [0, 1] },
  { kind: "js/path-traversal", library: "express", methods: ["sendFile", "download"], receiver: /^(res|response|reply)$/, args: [0], when: "no-root-option" },
];

const HTTP_VERBS = ["get", "post", "put", "patch", "delete", "head", "request", "options", "stream"];

export const SSRF_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/ssrf", library: "fetch", callees: ["fetch", "node-fetch", "undici.fetch", "undici.request", "undici.stream"], args: [0] },
  { kind: "js/ssrf", library: "http, https", callees: ["http.get", "http.request", "https.get", "https.request"], args: [0] },
  {
    kind: "js/ssrf",
    library: "axios, got, superagent, needle, request",
    callees: ["axios", "got", "superagent", "needle", "request"].flatMap((m) => [m, ...HTTP_VERBS.map((v) => `${m}.${v}`)]),
    args: [0],
  },
  { kind: "js/ssrf", library: "needle", callees: ["needle"], args: [1] },
];

export const REDIRECT_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/open-redirect", library: "express, koa", methods: ["redirect"], receiver: /^(res|response|ctx|reply)$/, args: ["last"] },
  { kind: "js/open-redirect", library: "browser", callees: ["location.assign", "location.replace", "open"], args: [0] },
];

export const SERVER_XSS_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/reflected-xss", library: "express, http, fastify", methods: ["send", "write", "end"], receiver: /^(res|response|raw)$/, args: [0] },
];

export const DOM_XSS_CALL_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/dom-xss", library: "DOM", callees: ["document.write", "document.writeln"], args: [0, 1] },
  { kind: "js/dom-xss", library: "DOM", methods: ["insertAdjacentHTML"], args: [1] },
  { kind: "js/dom-xss", library: "DOM", methods: ["createContextualFragment"], args: [0] },
  { kind: "js/dom-xss", library: "jQuery", methods: ["html", "append", "prepend", "after", "before", "replaceWith", "wrap"], receiver: /^\$|^jQuery$|^\$\w*$/, args: [0] },
  { kind: "js/dom-xss", library: "jQuery", callees: ["$", "jQuery", "jquery"], args: [0] },
];

export const REDOS_SINKS: readonly CallSinkSpec[] = [{ kind: "js/redos", library: "ECMAScript", callees: ["RegExp"], args: [0], construct: true }];

export const TEMPLATE_SINKS: readonly CallSinkSpec[] = [
  {
    kind: "js/template-injection",
    library: "ejs, pug, handlebars, nunjucks, lodash, dot",
    callees: [
      "ejs.render", "ejs.compile", "pug.render", "pug.compile", "handlebars.compile", "handlebars.precompile",
      "nunjucks.renderString", "lodash.template", "dot.template", "mustache.render",
    ],
    args: [0],
  },
];

export const DESERIALIZATION_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/unsafe-deserialization", library: "node-serialize", callees: ["node-serialize.unserialize"], args: [0] },
  { kind: "js/unsafe-deserialization", library: "js-yaml", callees: ["js-yaml.load", "js-yaml.loadAll"], args: [0], when: "unsafe-yaml-schema" },
];

export const XXE_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/xxe", library: "libxmljs", callees: ["libxmljs.parseXml", "libxmljs.parseXmlString", "libxmljs2.parseXml", "libxmljs2.parseXmlString"], args: [0], when: "noent-option" },
];

export const PROTOTYPE_POLLUTION_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/prototype-pollution", library: "lodash", callees: ["lodash.merge", "lodash.mergeWith", "lodash.defaultsDeep", "merge-deep"], args: [1, 2, 3] },
  { kind: "js/prototype-pollution", library: "lodash, dot-prop, set-value, object-path", callees: ["lodash.set", "lodash.setWith", "set-value", "dot-prop.setProperty", "object-path.set"], args: [1] },
  { kind: "js/prototype-pollution", library: "lodash", callees: ["lodash.zipObjectDeep"], args: [0] },
  { kind: "js/prototype-pollution", library: "jQuery", callees: ["$.extend", "jQuery.extend"], args: [2, 3], when: "deep-flag" },
];

export const HEADER_SINKS: readonly CallSinkSpec[] = [
  { kind: "js/header-injection", library: "http, express, koa", methods: ["setHeader", "set", "header", "append"], receiver: /^(res|response|ctx|reply)$/, args: [1] },
  { kind: "js/header-injection", library: "http", methods: ["writeHead"], receiver: /^(res|response|raw)$/, args: [1, 2], headersObject: true },
];

export const ALL_CALL_SINKS: readonly CallSinkSpec[] = [
  ...SQL_SINKS, ...NOSQL_SINKS, ...COMMAND_SINKS, ...CODE_SINKS, ...PATH_SINKS, ...SSRF_SINKS, ...REDIRECT_SINKS,
  ...SERVER_XSS_SINKS, ...DOM_XSS_CALL_SINKS, ...REDOS_SINKS, ...TEMPLATE_SINKS, ...DESERIALIZATION_SINKS,
  ...XXE_SINKS, ...PROTOTYPE_POLLUTION_SINKS, ...HEADER_SINKS,
];

export const PROPERTY_SINKS: readonly PropertySinkSpec[] = [
  ...["innerHTML", "outerHTML"].map((property): PropertySinkSpec => ({ kind: "js/dom-xss", library: "DOM", property })),
  { kind: "js/dom-xss", library: "DOM", property: "srcdoc" },
  ...["href", "assign"].map((property): PropertySinkSpec => ({ kind: "js/open-redirect", library: "browser", property, on: ["location"] })),
  { kind: "js/open-redirect", library: "browser", property: "location", on: ["window", "document", "self", "top"] },
  { kind: "js/reflected-xss", library: "koa", property: "body", on: ["ctx"], htmlOnly: true },
];

export const JSX_SINKS: readonly JsxSinkSpec[] = [
  { kind: "js/dom-xss", library: "React", attribute: "dangerouslySetInnerHTML", field: "__html" },
  ...["href", "src", "action", "formAction"].map((attribute): JsxSinkSpec => ({ kind: "js/dom-xss", library: "React", attribute, url: true })),
];

/** Header names whose value is a redirect target: reported as open redirect, not header injection. */
export const REDIRECT_HEADERS: readonly string[] = ["location", "refresh"];
