-- A real editor against the mplan language server: run by test/editors/run-neovim.mjs as
--   nvim --headless -u NONE -i NONE -n --noplugin -S test/editors/neovim.lua
-- (or, in "docs" mode, with -u set to the Neovim 0.7 set-up copied from docs/editors.md).
-- Works with Neovim 0.7 (Debian 12's), which has vim.lsp.start_client and
-- vim.lsp.buf_request_sync but no vim.lsp.start and no -l.
--
-- It does what a user does (open a plan, wait for the findings, hover, go to a definition,
-- type and ask for completion), records what Neovim shows as JSON in $MPLAN_NVIM_OUT, and
-- exits non-zero when a step fails outright (no server, a time-out, an error answer). The
-- runner judges the recorded content.
--
-- Environment:
--   MPLAN_NVIM_OUT   where to write the results (JSON)
--   MPLAN_NVIM_MODE  "features" (default): start the server named by MPLAN_NVIM_CMD (a JSON
--                    array) with root_dir MPLAN_NVIM_ROOT, then open MPLAN_NVIM_FILE and
--                    MPLAN_NVIM_OTHER_FILE;
--                    "docs": the set-up loaded with -u starts the server; open MPLAN_NVIM_FILE
--                    and check it attaches and reports. MPLAN_NVIM_DOCS_BLOCKS (JSON array of
--                    Lua snippets from the docs) are compiled, not run.

local TIMEOUT = 20000 -- ms, for any one thing we wait for

local out_path = os.getenv('MPLAN_NVIM_OUT')
local results = { errors = {}, steps = {} }

local function encode(value)
  if vim.json and vim.json.encode then return vim.json.encode(value) end
  return vim.fn.json_encode(value)
end

local function write_results()
  local file = io.open(out_path, 'w')
  if not file then
    io.stderr:write('neovim.lua: cannot write ' .. tostring(out_path) .. '\n')
    return
  end
  file:write(encode(results))
  file:close()
end

local function finish()
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  -- Wait for the servers to exit (a condition, not a fixed pause).
  vim.wait(5000, function() return next(vim.lsp.get_active_clients()) == nil end, 20)
  write_results()
  if #results.errors > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

local function wait_for(what, condition)
  if not vim.wait(TIMEOUT, condition, 20) then
    error('timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what, 0)
  end
end

-- One step: its failure is recorded and the next steps still run.
local function step(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  results.steps[#results.steps + 1] = name
  if not ok then
    results.errors[#results.errors + 1] = name .. ': ' .. tostring(err)
  end
  return ok
end

local function mplan_client(bufnr)
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'mplan' then return client end
  end
  return nil
end

-- Opens a file as a user would (:edit) and waits until the mplan server is attached to it.
local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  wait_for('the mplan server to attach to ' .. path, function()
    local client = mplan_client(bufnr)
    return client ~= nil and client.initialized == true
  end)
  return bufnr, mplan_client(bufnr)
end

-- The diagnostics Neovim shows for a buffer, one line and column counted from 1.
local function shown_diagnostics(bufnr)
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    shown[#shown + 1] = {
      line = d.lnum + 1,
      col = d.col + 1,
      end_line = (d.end_lnum or d.lnum) + 1,
      end_col = (d.end_col or d.col) + 1,
      severity = d.severity,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL,
      source = d.source or vim.NIL,
      message = d.message,
    }
  end
  table.sort(shown, function(a, b)
    if a.line ~= b.line then return a.line < b.line end
    return tostring(a.code) < tostring(b.code)
  end)
  return shown
end

local function wait_for_diagnostics(bufnr)
  wait_for('diagnostics of ' .. vim.api.nvim_buf_get_name(bufnr), function()
    return #vim.diagnostic.get(bufnr) > 0
  end)
  return shown_diagnostics(bufnr)
end

-- Finds `text` on line `line` (counted from 1) and returns the 0-based LSP position of its
-- first character plus `offset`, so the test does not depend on columns counted by hand.
local function position_of(bufnr, line, text, offset)
  local content = vim.api.nvim_buf_get_lines(bufnr, line - 1, line, false)[1] or ''
  local start = content:find(text, 1, true)
  if not start then
    error(string.format('line %d does not contain %q: %q', line, text, content), 0)
  end
  return { line = line - 1, character = start - 1 + (offset or 0) }
end

local function request(bufnr, method, position)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  if not responses then error(method .. ': ' .. tostring(err), 0) end
  local client = mplan_client(bufnr)
  local response = client and responses[client.id]
  if not response then error(method .. ': no answer from the mplan server', 0) end
  if response.err or response.error then
    error(method .. ': ' .. vim.inspect(response.err or response.error), 0)
  end
  return response.result
end

-- A request with params of its own (not a position), answered by the mplan server.
local function request_with(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  if not responses then error(method .. ': ' .. tostring(err), 0) end
  local client = mplan_client(bufnr)
  local response = client and responses[client.id]
  if not response then error(method .. ': no answer from the mplan server', 0) end
  if response.err or response.error then
    error(method .. ': ' .. vim.inspect(response.err or response.error), 0)
  end
  return response.result
end

-- What the hover float shows: the same conversion Neovim's vim.lsp.buf.hover() uses.
local function hover_lines(result)
  if result == nil or result == vim.NIL or result.contents == nil then return {} end
  local lines = vim.lsp.util.convert_input_to_markdown_lines(result.contents)
  return vim.lsp.util.trim_empty_lines(lines)
end

-- Go to definition as vim.lsp.buf.definition() does: jump to the first location, then
-- record where the cursor is.
local function definition(bufnr, position)
  local result = request(bufnr, 'textDocument/definition', position)
  if result == nil or result == vim.NIL then return { result = vim.NIL } end
  local locations = result.uri and { result } or result
  local recorded = { result = locations }
  if #locations > 0 then
    local client = mplan_client(bufnr)
    vim.lsp.util.jump_to_location(locations[1], client and client.offset_encoding or 'utf-16')
    local cursor = vim.api.nvim_win_get_cursor(0)
    recorded.jumped_to = {
      file = vim.api.nvim_buf_get_name(0),
      line = cursor[1],
      col = cursor[2] + 1,
      word = vim.fn.expand('<cword>'),
    }
  end
  return recorded
end

local function completion_labels(result)
  if result == nil or result == vim.NIL then return {} end
  local items = result.items or result
  local labels = {}
  for _, item in ipairs(items) do labels[#labels + 1] = item.label end
  table.sort(labels)
  return labels
end

local function features()
  local cmd = vim.fn.json_decode(os.getenv('MPLAN_NVIM_CMD'))
  local root = os.getenv('MPLAN_NVIM_ROOT')
  local file = os.getenv('MPLAN_NVIM_FILE')
  local other = os.getenv('MPLAN_NVIM_OTHER_FILE')

  -- Neovim 0.7's way (vim.lsp.start_client, then buf_attach_client for each plan), as in
  -- docs/editors.md, with the test's own command and root; docs mode runs the docs' block itself.
  vim.cmd('autocmd BufNewFile,BufRead *.mplan setfiletype mplan')
  local client_id = vim.lsp.start_client({ name = 'mplan', cmd = cmd, root_dir = root })
  if not client_id then error('vim.lsp.start_client did not start ' .. table.concat(cmd, ' '), 0) end
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'mplan',
    callback = function(args) vim.lsp.buf_attach_client(args.buf, client_id) end,
  })

  local bufnr, client = open(file)
  results.filetype = vim.bo[bufnr].filetype
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  results.capabilities = {
    hover = caps.hoverProvider ~= nil and caps.hoverProvider ~= false,
    completion = caps.completionProvider ~= nil,
    definition = caps.definitionProvider ~= nil and caps.definitionProvider ~= false,
    references = caps.referencesProvider ~= nil and caps.referencesProvider ~= false,
    rename = caps.renameProvider ~= nil and caps.renameProvider ~= false,
    formatting = caps.documentFormattingProvider ~= nil and caps.documentFormattingProvider ~= false,
    code_actions = caps.codeActionProvider ~= nil and caps.codeActionProvider ~= false,
  }

  step('diagnostics', function()
    results.diagnostics = wait_for_diagnostics(bufnr)
  end)

  -- `serves ListFirst` in the tactic Newsletter (the first tactic that serves a strategy).
  local serves_line = vim.fn.search('^\\s*serves ListFirst', 'nw')
  if serves_line == 0 then error('no "serves ListFirst" line in ' .. file, 0) end
  step('hover', function()
    results.hover = {
      reference = hover_lines(request(bufnr, 'textDocument/hover', position_of(bufnr, serves_line, 'ListFirst', 2))),
      keyword = hover_lines(request(bufnr, 'textDocument/hover', position_of(bufnr, serves_line, 'serves', 1))),
    }
  end)

  step('definition', function()
    results.definition = { same_file = definition(bufnr, position_of(bufnr, serves_line, 'ListFirst', 3)) }
    -- Across files: corner-bakery's plan targets a segment declared in shared/market.mplan.
    local other_bufnr = open(other)
    local line = vim.fn.search('^\\s*targets OfficeManagers', 'nw')
    if line == 0 then error('no "targets OfficeManagers" line in ' .. other, 0) end
    -- Hover on a name declared in another file: its heading says where (shared/market.mplan:4).
    results.hover_other_file = hover_lines(request(other_bufnr, 'textDocument/hover', position_of(other_bufnr, line, 'OfficeManagers', 4)))
    results.definition.other_file = definition(other_bufnr, position_of(other_bufnr, line, 'OfficeManagers', 4))
    results.definition.other_file.from_line = line
  end)

  step('completion', function()
    -- Type a new line `    serves ` into the tactic ForumPosts (which serves no strategy),
    -- as a user would, and ask for completion at its end.
    vim.cmd('buffer ' .. bufnr)
    local line = vim.fn.search('^tactic ForumPosts {', 'nw')
    if line == 0 then error('no tactic ForumPosts in ' .. file, 0) end
    local typed = '    serves '
    vim.api.nvim_buf_set_lines(bufnr, line, line, false, { typed })
    results.completion = {
      line = line + 1,
      labels = completion_labels(request(bufnr, 'textDocument/completion', { line = line, character = #typed })),
    }
    -- Take the typed line out again, so the next steps see the plan as written.
    vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, {})
  end)

  step('code action', function()
    -- As vim.lsp.buf.code_action() does in 0.7: the diagnostics of the cursor's line as context,
    -- then the chosen action's edit applied to the buffer.
    local line = vim.fn.search('^\\s*runs ForumPosts, Newsleter', 'nw')
    if line == 0 then error('no "runs ForumPosts, Newsleter" line in ' .. file, 0) end
    local at = position_of(bufnr, line, 'Newsleter', 2)
    local actions = request_with(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = at, ['end'] = at },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line - 1) },
    })
    local titles, chosen = {}, nil
    for _, action in ipairs(actions == vim.NIL and {} or actions) do
      titles[#titles + 1] = action.title
      if action.title == "Change to 'Newsletter'" then chosen = action end
    end
    results.code_action = { titles = titles }
    if chosen then vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16') end
    results.code_action.line = vim.api.nvim_buf_get_lines(bufnr, line - 1, line, false)[1]
  end)

  step('formatting', function()
    -- A line written carelessly, then what vim.lsp.buf.formatting() does: the server's edits applied.
    local line = vim.fn.search('^\\s*serves ListFirst', 'nw')
    if line == 0 then error('no "serves ListFirst" line in ' .. file, 0) end
    vim.api.nvim_buf_set_lines(bufnr, line - 1, line, false, { 'serves     ListFirst' })
    local edits = request_with(bufnr, 'textDocument/formatting', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      options = { tabSize = 4, insertSpaces = true },
    })
    if edits ~= vim.NIL then vim.lsp.util.apply_text_edits(edits, bufnr, client.offset_encoding or 'utf-16') end
    results.formatted = vim.api.nvim_buf_get_lines(bufnr, line - 1, line, false)[1]
  end)
end

local function docs()
  local file = os.getenv('MPLAN_NVIM_FILE')
  local blocks = vim.fn.json_decode(os.getenv('MPLAN_NVIM_DOCS_BLOCKS') or '[]')
  results.compiled = {}
  for i, block in ipairs(blocks) do
    local fn, err = loadstring(block, 'docs/editors.md block ' .. i)
    results.compiled[i] = fn and true or tostring(err)
    if not fn then results.errors[#results.errors + 1] = 'docs block ' .. i .. ': ' .. tostring(err) end
  end
  step('docs set-up', function()
    local bufnr, client = open(file)
    results.filetype = vim.bo[bufnr].filetype
    results.client = { name = client.name, cmd = client.config.cmd, root_dir = client.config.root_dir }
    results.diagnostics = wait_for_diagnostics(bufnr)
  end)
end

local mode = os.getenv('MPLAN_NVIM_MODE') or 'features'
results.mode = mode
local version = vim.version()
results.nvim = string.format('%d.%d.%d', version.major, version.minor, version.patch)
if not out_path then
  io.stderr:write('neovim.lua: MPLAN_NVIM_OUT is not set\n')
  vim.cmd('cquit 2')
end
step(mode, mode == 'docs' and docs or features)
finish()
