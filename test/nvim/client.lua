-- Headless Neovim (0.7+) as a second, real LSP client of `vigil lsp --stdio`.
-- Usage: VIGIL_CLI=/abs/dist/cli.js VIGIL_FILE=/abs/dir/agent.js \
--          nvim --headless --clean -u NONE -c 'luafile test/nvim/client.lua'
-- Exit code 0 when every check passed; the last line is "N passed, N failed".
-- (0.7 API: vim.lsp.start_client + buf_attach_client; vim.lsp.start needs 0.8.)

local passed, failed = 0, 0
local function out(s) io.stdout:write(s .. '\n') end
local function check(name, ok, detail)
  if ok then passed = passed + 1; out('ok   - ' .. name)
  else failed = failed + 1; out('FAIL - ' .. name .. (detail and (': ' .. tostring(detail)) or '')) end
  return ok
end
local function finish()
  out(string.format('%d passed, %d failed', passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
end

local FIX_TITLE = 'Verify certificates (rejectUnauthorized: true)'

local function main()
  local cli = assert(os.getenv('VIGIL_CLI'), 'VIGIL_CLI not set')
  local file = assert(os.getenv('VIGIL_FILE'), 'VIGIL_FILE not set')
  local timeout = tonumber(os.getenv('VIGIL_TIMEOUT_MS') or '60000')

  local f = assert(io.open(file, 'w'))
  f:write('const https = require("https");\n',
          'const a = new https.Agent({ rejectUnauthorized: false });\n',
          'const b = new https.Agent({ rejectUnauthorized: false });\n',
          'module.exports = { a, b };\n')
  f:close()

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'vigil',
    cmd = { os.getenv('NODE') or 'node', cli, 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    on_exit = function(code, signal)
      if code ~= 0 then out('server exited code=' .. code .. ' signal=' .. signal) end
    end,
  })
  if not check('client started', client_id ~= nil) then return finish() end
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. diagnostics pushed on open
  local got = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) == 2 end, 50)
  local diags = vim.diagnostic.get(bufnr)
  table.sort(diags, function(x, y) return x.lnum < y.lnum end)
  for _, d in ipairs(diags) do
    out(string.format('  diagnostic %d:%d [%s] %s (%s)', d.lnum + 1, d.col + 1, vim.diagnostic.severity[d.severity], d.message, d.source or '?'))
  end
  if not check('2 vigil diagnostics on open', got and diags[1].source == 'vigil' and diags[1].lnum == 1
      and diags[1].severity == vim.diagnostic.severity.ERROR, 'got ' .. #diags) then
    return finish()
  end

  -- 2. textDocument/codeAction with the LSP-shaped diagnostic (code and data ride in user_data.lsp)
  local client = vim.lsp.get_client_by_id(client_id)
  local first = diags[1]
  local ud = (first.user_data and first.user_data.lsp) or {}
  local lsp_diag = {
    range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } },
    message = first.message, severity = first.severity, source = first.source, code = ud.code, data = ud.data,
  }
  local resp, err = client.request_sync('textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
  }, timeout, bufnr)
  local actions = (resp and resp.result) or {}
  for _, a in ipairs(actions) do out('  code action: ' .. a.title .. (a.isPreferred and ' (preferred)' or '')) end
  local fix = actions[1]
  if not check('preferred quick fix offered first', fix and fix.title == FIX_TITLE and fix.isPreferred, err or vim.inspect(resp)) then
    return finish()
  end

  -- 3. apply it, save (didSave re-analyses), one diagnostic left
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  local line2 = vim.api.nvim_buf_get_lines(bufnr, 1, 2, false)[1]
  check('buffer line 2 fixed', line2 == 'const a = new https.Agent({ rejectUnauthorized: true });', line2)
  vim.cmd('silent write')
  local one = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) == 1 end, 50)
  check('1 diagnostic left after the fix and a save', one, 'got ' .. #vim.diagnostic.get(bufnr))

  -- 4. the interactive path: cursor on line 3, vim.lsp.buf.code_action(), pick the quick fix
  --    (vim.ui.select is stubbed: there is no UI in --headless)
  vim.ui.select = function(items, _, on_choice)
    for i, item in ipairs(items) do
      local action = item.action or item[2]
      if action and action.title == FIX_TITLE then return on_choice(item, i) end
    end
    on_choice(nil, nil)
  end
  vim.api.nvim_win_set_cursor(0, { 3, 30 })
  vim.lsp.buf.code_action()
  local applied = vim.wait(timeout, function()
    return vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1] == 'const b = new https.Agent({ rejectUnauthorized: true });'
  end, 50)
  check('vim.lsp.buf.code_action() applied the fix on line 3', applied, vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1])
  vim.cmd('silent write')
  local none = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
  check('no diagnostics left after saving', none, 'got ' .. #vim.diagnostic.get(bufnr))
  local content = table.concat(vim.fn.readfile(file), '\n')
  check('file on disk has both fixes', select(2, content:gsub('rejectUnauthorized: true', '')) == 2, content)

  vim.lsp.stop_client(client_id)
  finish()
end

-- A Lua error must not leave a headless nvim hanging: report it and exit non-zero.
local ok, e = xpcall(main, debug.traceback)
if not ok then failed = failed + 1; out('FAIL - lua error: ' .. tostring(e)); finish() end
