" Vim with ALE against the mplan language server, as a user has it: run by test/editors/run-vim.mjs as
"   vim --not-a-term -n -i NONE -S test/editors/vim.vim
" with HOME set to a folder holding the vimrc, ftdetect and ale_linters files of docs/editors.md (and
" nothing else), and mplan-language-server on the PATH.
"
" It does what a user does (open a plan, wait for the findings, :ALEHover, CTRL-X CTRL-O,
" :ALEGoToDefinition, :ALECodeAction and pick a fix), records what Vim shows as JSON in
" $MPLAN_VIM_OUT, and leaves the judging to the runner.
"
" Environment: MPLAN_VIM_OUT (the results), MPLAN_VIM_FILE (ebook-list.mplan of the project),
" MPLAN_VIM_OTHER_FILE (corner-bakery/plan.mplan of the project).

let s:timeout = 20000
" Go from one plan to another without saving the first, as most users have it.
set hidden
let s:results = {'errors': [], 'steps': []}

function! s:WaitFor(what, condition) abort
    let l:waited = 0
    while !eval(a:condition)
        if l:waited >= s:timeout
            throw 'timed out after ' . s:timeout . ' ms waiting for ' . a:what
        endif
        sleep 20m
        let l:waited += 20
    endwhile
endfunction

" One step: its failure is recorded and the next steps still run.
function! s:Step(name, function) abort
    call add(s:results.steps, a:name)
    try
        call call(a:function, [])
    catch
        call add(s:results.errors, a:name . ': ' . v:exception . ' (' . v:throwpoint . ')')
    endtry
endfunction

" The findings ALE shows for the current buffer.
function! s:Shown() abort
    let l:shown = []
    for l:item in get(get(g:ale_buffer_info, bufnr(''), {}), 'loclist', [])
        call add(l:shown, {
        \   'line': l:item.lnum, 'col': l:item.col, 'end_col': get(l:item, 'end_col', 0),
        \   'type': l:item.type, 'code': get(l:item, 'code', ''), 'text': l:item.text,
        \   'linter': get(l:item, 'linter_name', ''),
        \})
    endfor
    return l:shown
endfunction

function! s:HasFindings() abort
    return !empty(get(get(g:ale_buffer_info, bufnr(''), {}), 'loclist', []))
endfunction

" The line of the current buffer that matches a pattern, or an error.
function! s:LineOf(pattern) abort
    let l:line = search(a:pattern, 'nw')
    if l:line == 0
        throw 'no line matches ' . a:pattern . ' in ' . expand('%')
    endif
    return l:line
endfunction

" Puts the cursor on a word of a line (its first character plus `offset`).
function! s:CursorOn(line, word, offset) abort
    let l:col = stridx(getline(a:line), a:word)
    if l:col < 0
        throw 'line ' . a:line . ' does not contain ' . a:word
    endif
    call cursor(a:line, l:col + 1 + a:offset)
endfunction

function! s:PreviewLines() abort
    for l:win in range(1, winnr('$'))
        if getwinvar(l:win, '&previewwindow')
            return getbufline(winbufnr(l:win), 1, '$')
        endif
    endfor
    return []
endfunction

" :ALEHover at a place, with the answer shown in the preview window (g:ale_hover_to_preview).
function! s:Hover(line, word, offset) abort
    pclose
    call s:CursorOn(a:line, a:word, a:offset)
    ALEHover
    call s:WaitFor('the hover of ' . a:word, '!empty(s:PreviewLines())')
    let l:lines = s:PreviewLines()
    pclose
    return l:lines
endfunction

function! s:Diagnostics() abort
    execute 'edit ' . fnameescape($MPLAN_VIM_FILE)
    let s:ebook = bufnr('')
    let s:results.filetype = &filetype
    call s:WaitFor('the findings of ' . $MPLAN_VIM_FILE, 's:HasFindings()')
    let s:results.diagnostics = s:Shown()
    let s:results.roots = map(values(ale#lsp#GetConnections()), 'v:val.root')
    " What the user sees on the line of a finding: ALE echoes it in g:ale_echo_msg_format.
    let l:line = s:LineOf('^tactic ForumPosts {')
    call cursor(l:line, 8)
    let s:results.echoed = ale#GetLocItemMessage(ale#util#FindItemAtCursor(bufnr(''))[1], g:ale_echo_msg_format)
endfunction

function! s:HoverStep() abort
    let g:ale_hover_to_preview = 1
    let l:line = s:LineOf('^\s*serves ListFirst')
    let s:results.hover = {
    \   'reference': s:Hover(l:line, 'ListFirst', 2),
    \   'keyword': s:Hover(l:line, 'serves', 1),
    \}
endfunction

" CTRL-X CTRL-O on a new line `    serves ` typed into the tactic ForumPosts, as a user does: Vim
" inserts the first match. The matches are those ALE handed to Vim's completion.
function! s:CompletionStep() abort
    let l:line = s:LineOf('^tactic ForumPosts {')
    call append(l:line, '    serves ')
    call cursor(l:line + 1, 1)
    " Typed with nothing after it, as ALE's omnifunc waits for its answer only while no key is typed;
    " 'x' then ends Insert mode, as <Esc> would.
    call feedkeys("A\<C-x>\<C-o>", 'xt')
    let s:results.completion = {
    \   'line': l:line + 1,
    \   'after': getline(l:line + 1),
    \   'matches': map(copy(get(b:, 'ale_completion_result', [])), 'v:val.word'),
    \}
    " Undo the typing, so the next steps see the plan as written.
    call deletebufline(bufnr(''), l:line + 1)
endfunction

function! s:DefinitionStep() abort
    let l:line = s:LineOf('^\s*serves ListFirst')
    call s:CursorOn(l:line, 'ListFirst', 3)
    ALEGoToDefinition
    call s:WaitFor('the jump to ListFirst', 'line(".") != ' . l:line)
    let s:results.definition = {'same_file': {'file': expand('%:p'), 'line': line('.'), 'word': expand('<cword>')}}

    execute 'edit ' . fnameescape($MPLAN_VIM_OTHER_FILE)
    let l:from = bufnr('')
    call s:WaitFor('the findings of ' . $MPLAN_VIM_OTHER_FILE, 'has_key(g:ale_buffer_info, bufnr("")) && !ale#engine#IsCheckingBuffer(bufnr(""))')
    let l:line = s:LineOf('^\s*targets OfficeManagers')
    call s:CursorOn(l:line, 'OfficeManagers', 4)
    ALEGoToDefinition
    call s:WaitFor('the jump to OfficeManagers', 'bufnr("") != ' . l:from)
    let s:results.definition.other_file = {'file': expand('%:p'), 'line': line('.'), 'word': expand('<cword>')}
endfunction

" :ALECodeAction with the cursor on the misspelt tactic Newsleter: ALE lists the fixes and asks for
" a number (ale#util#Input, ALE's own prompt); the test answers with the number of the fix it wants,
" as a user types it.
let s:prompts = []
function! s:Answer(prompt) abort
    call add(s:prompts, a:prompt)
    let l:number = matchstr(a:prompt, '\v(\d+)\) Change to ''Newsletter''')
    return l:number is# '' ? '' : matchstr(l:number, '\d\+')
endfunction

function! s:CodeActionStep() abort
    execute 'buffer ' . s:ebook
    let l:line = s:LineOf('^\s*runs ForumPosts, Newsleter')
    call s:CursorOn(l:line, 'Newsleter', 2)
    " ALE's prompt goes through ale#util#Input (its seam for input()): load it, then answer it here.
    call ale#util#Mode()
    function! ale#util#Input(message, value, ...) abort
        return s:Answer(a:message)
    endfunction
    ALECodeAction
    let s:results.code_action = {'prompts': s:prompts}
    call s:WaitFor('the fix to be written', 'getline(' . l:line . ') !~# "Newsleter"')
    let s:results.code_action.line = getline(l:line)
    " ALE lints the changed text (as after any change) and the finding goes.
    ALELint
    call s:WaitFor('the findings after the fix', '!ale#engine#IsCheckingBuffer(bufnr("")) && index(map(s:Shown(), "v:val.code"), "unresolved-reference") < 0')
    let s:results.code_action.after = s:Shown()
endfunction

call s:Step('diagnostics', function('s:Diagnostics'))
if empty(s:results.errors)
    call s:Step('hover', function('s:HoverStep'))
    call s:Step('completion', function('s:CompletionStep'))
    call s:Step('code action', function('s:CodeActionStep'))
    call s:Step('definition', function('s:DefinitionStep'))
endif
let s:results.ale_version = exists('*ale#Has') ? 'loaded' : 'missing'
call writefile([json_encode(s:results)], $MPLAN_VIM_OUT)
ALEStopAllLSPs
qall!
