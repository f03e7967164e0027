;;; emacs.el --- Emacs with eglot against the mplan language server  -*- lexical-binding: t -*-
;;
;; Run by test/editors/run-emacs.mjs as
;;   emacs --batch -l ~/.emacs.d/init.el -l test/editors/emacs.el
;; with HOME holding the init file of docs/editors.md (and nothing else), mplan-language-server on
;; the PATH, and the project a git repository (Emacs's project root).
;;
;; It does what a user does (open a plan, wait for Flymake's findings, hover, complete with
;; completion-at-point, M-., M-x eglot-code-actions and pick a fix, M-x eglot-format-buffer, M-x
;; imenu), records what Emacs shows as JSON in $MPLAN_EMACS_OUT, and leaves the judging to the
;; runner.  MPLAN_EMACS_MODE "plain" hides markdown-mode before eglot starts (eglot then asks
;; for plain text) and runs only the hover step.
;;
;; Environment: MPLAN_EMACS_OUT, MPLAN_EMACS_FILE (ebook-list.mplan of the project),
;; MPLAN_EMACS_OTHER_FILE (corner-bakery/plan.mplan of the project), MPLAN_EMACS_MODE.

(require 'json)
(require 'cl-lib)

(defvar mplan-test-timeout 20.0 "Seconds to wait for any one thing.")
(defvar mplan-test-results (list (cons 'errors nil) (cons 'steps nil)))

(defun mplan-test-put (key value)
  (setf (alist-get key mplan-test-results) value))

(defun mplan-test-add (key value)
  (setf (alist-get key mplan-test-results) (append (alist-get key mplan-test-results) (list value))))

(defun mplan-test-wait-for (what condition)
  "Wait until CONDITION (a function) holds, letting processes and timers run, or fail naming WHAT."
  (let ((start (float-time)))
    (while (not (funcall condition))
      (when (> (- (float-time) start) mplan-test-timeout)
        (error "timed out after %s s waiting for %s" mplan-test-timeout what))
      (accept-process-output nil 0.02))))

(defmacro mplan-test-step (name &rest body)
  "Run BODY as the step NAME: a failure is recorded and the next steps still run."
  (declare (indent 1))
  `(progn
     (mplan-test-add 'steps ,name)
     (condition-case err
         (progn ,@body)
       (error (mplan-test-add 'errors (format "%s: %s" ,name (error-message-string err)))))))

(defun mplan-test-goto (pattern word offset)
  "Put point on WORD (its first character plus OFFSET) of the first line matching PATTERN."
  (goto-char (point-min))
  (unless (re-search-forward pattern nil t) (error "no line matches %s in %s" pattern (buffer-file-name)))
  (beginning-of-line)
  (unless (search-forward word (line-end-position) t) (error "%s not on the line" word))
  (goto-char (+ (match-beginning 0) offset)))

(defun mplan-test-open (file)
  "Visit FILE as a user does (find-file, then the command loop's post-command-hook, where
eglot-ensure connects) and wait until eglot manages the buffer."
  (find-file file)
  (run-hooks 'post-command-hook)
  (mplan-test-wait-for (format "eglot to manage %s" file)
                       (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server))))
  (current-buffer))

(defun mplan-test-pause ()
  "What happens when a user stops typing: eglot sends its changes from an idle timer, which never
fires in batch mode, so it is called here after each edit."
  (eglot--signal-textDocument/didChange))

(defun mplan-test-visible (string)
  "The part of STRING a window shows: without the text made invisible (markdown-mode hides markup)."
  (let ((shown "") (i 0))
    (while (< i (length string))
      (let ((next (or (next-single-property-change i 'invisible string) (length string))))
        (unless (get-text-property i 'invisible string)
          (setq shown (concat shown (substring-no-properties string i next))))
        (setq i next)))
    shown))

(defun mplan-test-hover (pattern word offset)
  "What eglot shows on hover at WORD: its hover request, formatted as eglot formats it for ElDoc."
  (mplan-test-goto pattern word offset)
  (let* ((server (eglot-current-server))
         (hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
    (if hover (mplan-test-visible (eglot--hover-info (plist-get hover :contents) (plist-get hover :range))) "")))

(defun mplan-test-diagnostics ()
  (vconcat
   (mapcar (lambda (d)
             (list (cons 'line (line-number-at-pos (flymake-diagnostic-beg d)))
                   (cons 'col (save-excursion (goto-char (flymake-diagnostic-beg d)) (1+ (current-column))))
                   (cons 'type (symbol-name (flymake-diagnostic-type d)))
                   (cons 'text (flymake-diagnostic-text d))))
           (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun mplan-test-features ()
  (let ((ebook (mplan-test-open (getenv "MPLAN_EMACS_FILE"))))
    (mplan-test-put 'mode (symbol-name major-mode))
    (mplan-test-put 'root (expand-file-name (project-root (eglot--project (eglot-current-server)))))
    (mplan-test-put 'markdown (if (fboundp 'gfm-view-mode) t :json-false))

    (mplan-test-step "diagnostics"
      (mplan-test-wait-for "Flymake's findings" (lambda () (flymake-diagnostics)))
      (mplan-test-put 'diagnostics (mplan-test-diagnostics)))

    (mplan-test-step "hover"
      (mplan-test-put 'hover (list (cons 'reference (mplan-test-hover "^ *serves ListFirst" "ListFirst" 2))
                                   (cons 'keyword (mplan-test-hover "^ *serves ListFirst" "serves" 1)))))

    (mplan-test-step "completion"
      ;; A new line `    serves ` typed into the tactic ForumPosts, then M-TAB (completion-at-point):
      ;; the one strategy that fits is inserted.
      (mplan-test-goto "^tactic ForumPosts {" "{" 1)
      (insert "\n    serves ")
      (mplan-test-pause)
      (let* ((capf (eglot-completion-at-point))
             (candidates (all-completions "" (nth 2 capf))))
        (completion-at-point)
        (mplan-test-put 'completion (list (cons 'candidates (vconcat (mapcar #'substring-no-properties candidates)))
                                          (cons 'after (buffer-substring-no-properties (line-beginning-position) (line-end-position))))))
      ;; Take the typed line out again, so the next steps see the plan as written.
      (delete-region (line-end-position 0) (line-end-position))
      (mplan-test-pause))

    (mplan-test-step "code action"
      ;; M-x eglot-code-actions with point on the misspelt Newsleter: eglot asks which action, with
      ;; the preferred one as default; the test answers the fix by its title, as a user picks it.
      (mplan-test-goto "^ *runs ForumPosts, Newsleter" "Newsleter" 2)
      (let* ((offered nil)
             (completing-read-function
              (lambda (_prompt collection &rest _)
                (setq offered (mapcar #'car collection))
                "Change to 'Newsletter'"))
             (last-nonmenu-event ?\r))
        (call-interactively #'eglot-code-actions)
        (mplan-test-put 'code_action (list (cons 'offered (vconcat offered))
                                           (cons 'line (buffer-substring-no-properties (line-beginning-position) (line-end-position)))))))

    (mplan-test-step "formatting"
      ;; A line written carelessly, then M-x eglot-format-buffer.
      (mplan-test-goto "^ *serves ListFirst" "serves" 0)
      (let ((line (line-number-at-pos)))
        (delete-region (line-beginning-position) (line-end-position))
        (insert "serves     ListFirst")
        (mplan-test-pause)
        (eglot-format-buffer)
        (goto-char (point-min))
        (forward-line (1- line))
        (mplan-test-put 'formatted (buffer-substring-no-properties (line-beginning-position) (line-end-position)))))

    (mplan-test-step "imenu"
      (mplan-test-put 'imenu (vconcat (mapcar (lambda (group) (list (cons 'group (car group))
                                                                    (cons 'names (vconcat (mapcar #'car (cdr group))))))
                                              (funcall imenu-create-index-function)))))

    (mplan-test-step "definition"
      (mplan-test-goto "^ *serves ListFirst" "ListFirst" 3)
      (call-interactively #'xref-find-definitions)
      (mplan-test-put 'definition
                      (list (cons 'same_file (list (cons 'file (buffer-file-name)) (cons 'line (line-number-at-pos))
                                                   (cons 'word (thing-at-point 'symbol t))))))
      (mplan-test-open (getenv "MPLAN_EMACS_OTHER_FILE"))
      (mplan-test-goto "^ *targets OfficeManagers" "OfficeManagers" 4)
      (call-interactively #'xref-find-definitions)
      (setf (alist-get 'other_file (alist-get 'definition mplan-test-results))
            (list (cons 'file (buffer-file-name)) (cons 'line (line-number-at-pos)) (cons 'word (thing-at-point 'symbol t)))))
    ebook))

(defun mplan-test-plain ()
  "Eglot without markdown-mode: hover only."
  (mplan-test-open (getenv "MPLAN_EMACS_FILE"))
  (mplan-test-put 'markdown (if (fboundp 'gfm-view-mode) t :json-false))
  (mplan-test-step "hover"
    (mplan-test-put 'hover (list (cons 'reference (mplan-test-hover "^ *serves ListFirst" "ListFirst" 2))
                                 (cons 'keyword (mplan-test-hover "^ *serves ListFirst" "serves" 1))))))

;; Everything eglot shows in a window of its own (a warning split the frame): recorded.
(advice-add 'display-warning :before
            (lambda (type message &optional level &rest _)
              ;; Flymake's own debug log goes through display-warning too, at a level never shown.
              (when (memq (or level :warning) '(:warning :error :emergency))
                (mplan-test-add 'warnings (format "%s: %s" type message)))))

(let ((mode (or (getenv "MPLAN_EMACS_MODE") "features")))
  (mplan-test-put 'emacs emacs-version)
  (when (equal mode "plain")
    ;; As if markdown-mode were not installed: eglot tests (fboundp 'gfm-view-mode).
    (fmakunbound 'gfm-view-mode)
    (fmakunbound 'markdown-mode)
    (setq load-path (cl-remove-if (lambda (dir) (string-match-p "markdown-mode" dir)) load-path)))
  (mplan-test-step mode
    (if (equal mode "plain") (mplan-test-plain) (mplan-test-features)))
  (mplan-test-put 'eglot_version (bound-and-true-p eglot--version))
  (ignore-errors (eglot-shutdown-all))
  (with-temp-file (getenv "MPLAN_EMACS_OUT")
    (insert (json-encode mplan-test-results)))
  (kill-emacs 0))
