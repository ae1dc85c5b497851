-- Run by nvim_lsp_test.py inside `nvim --headless --clean`: Neovim's own LSP
-- client starts refcycle-clangd, waits for its diagnostics on cycle.cpp,
-- requests the code actions of the refcycle finding, applies the first quick
-- fix and writes the file. Exits with :cquit (status 1) and a message on
-- stderr when something is missing.
local clangd, work = vim.g.refcycle_clangd, vim.g.refcycle_work
local file = work .. '/cycle.cpp'

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local client_id = vim.lsp.start_client({
  name = 'refcycle-clangd',
  cmd = { clangd, '--log=error', '--background-index=false',
          '--compile-commands-dir=' .. work },
  root_dir = work,
})
if not client_id then return fail('could not start ' .. clangd) end
vim.cmd('edit ' .. vim.fn.fnameescape(file))
vim.lsp.buf_attach_client(0, client_id)

local function ours()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == 'refcycle-shared-ptr-cycle' then return d end
  end
end
if not vim.wait(90000, function() return ours() ~= nil end, 100) then
  return fail('no refcycle-shared-ptr-cycle diagnostic; got ' .. vim.inspect(vim.diagnostic.get(0)))
end
local d = ours()
io.stdout:write('diagnostic: ' .. d.message .. '\n')
-- As vim.lsp.buf.code_action() does: the line's diagnostics in LSP form.
local line_diags = vim.lsp.diagnostic.get_line_diagnostics(0, d.lnum)
local params = vim.lsp.util.make_range_params()
params.range = {
  start = { line = d.lnum, character = d.col },
  ['end'] = { line = d.end_lnum, character = d.end_col } }
params.context = { diagnostics = line_diags, only = { 'quickfix' } }
local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 30000)
local client = vim.lsp.get_client_by_id(client_id)
local applied = false
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    if not applied and action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
      io.stdout:write('applied: ' .. (action.title or '') .. '\n')
      applied = true
    end
  end
end
if not applied then io.stdout:write('no quick fix offered\n') end
vim.cmd('silent write')
client.stop()
vim.cmd('qall!')
