#!/usr/bin/env bash
# run.sh - the shell logic of leakcord's GitHub Action (action.yml). It is a
# plain script so that it can be run, and tested, outside GitHub Actions:
# .ci/action-check runs it with a simulated Actions environment.
#
# Usage: run.sh build | scan | verdict
#
#   build    build leakcord and its helper from this checkout (or, with
#            INPUT_VERSION, `go install` that leakcord version) into
#            $RUNNER_TEMP/leakcord-action/bin; outputs: bin
#   scan     decide what to scan from the inputs and the event, run leakcord,
#            print the log report and the annotations, write the job summary
#            and the SARIF file; outputs: findings, live-findings, sarif-file,
#            mode, category, upload, upload-required, fail
#   verdict  fail the step with an error annotation (run when scan said fail)
#
# Inputs come from the environment (action.yml passes them through env:):
#   INPUT_MODE (scan|history|diff, empty: by event), INPUT_PATH, INPUT_VERIFY,
#   INPUT_FAIL_ON (any|live|none), INPUT_FORMAT, INPUT_SARIF_FILE,
#   INPUT_UPLOAD_SARIF (auto|true|false), INPUT_ARGS, INPUT_VERSION,
#   LEAKCORD_BIN (the folder build wrote; else leakcord is taken from PATH),
#   LEAKCORD_GITHUB_TOKEN (the job's token, to ask whether it may upload)
# and the runner's variables: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
# GITHUB_WORKSPACE, GITHUB_SHA, GITHUB_REPOSITORY, GITHUB_ACTOR,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH, GITHUB_API_URL, RUNNER_TEMP,
# RUNNER_OS.
#
# Nothing from an input or the event is ever evaluated as shell text: values
# are only used as single arguments, and INPUT_ARGS is split on blanks.
# Needs bash 4.4 or later (every GitHub-hosted runner has it) and git.

set -Eeuo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(cd "$here/../.." && pwd)"
tmp_root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"

# Workflow commands (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
escape_data() {
  local s="$1"
  s="${s//'%'/%25}"; s="${s//$'\r'/%0D}"; s="${s//$'\n'/%0A}"
  printf '%s' "$s"
}
notice() { printf '::notice title=leakcord::%s\n' "$(escape_data "$*")"; }
warning() { printf '::warning title=leakcord::%s\n' "$(escape_data "$*")"; }
error() { printf '::error title=leakcord::%s\n' "$(escape_data "$*")"; }
die() { error "$*"; exit 2; }

# output NAME VALUE: a step output (single-line values only).
output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  else
    printf 'output %s=%s\n' "$1" "$2" >&2
  fi
}

is_true() {
  case "$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')" in
    true|yes|1|on) return 0 ;;
    false|no|0|off|"") return 1 ;;
    *) die "expected true or false, got '$1'" ;;
  esac
}

exe_suffix() { if [[ "${RUNNER_OS:-}" == Windows ]]; then printf '.exe'; fi; }

cmd_build() {
  local bin="$tmp_root/leakcord-action/bin" exe version="${INPUT_VERSION:-}"
  exe="$(exe_suffix)"
  mkdir -p "$bin"
  if [[ -z "$version" ]]; then
    echo "Building leakcord from $src"
    (cd "$src" && go build -o "$bin/leakcord$exe" ./cmd/leakcord)
  else
    [[ "$version" =~ ^(latest|v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?)$ ]] ||
      die "input version: '$version' is not a version such as v1.2.3 (or empty to build this action's source)"
    echo "Installing github.com/leakcord/leakcord/cmd/leakcord@$version"
    (cd "$tmp_root" && GOBIN="$bin" GOFLAGS='' go install "github.com/leakcord/leakcord/cmd/leakcord@$version")
  fi
  (cd "$src" && go build -o "$bin/leakcord-action-helper$exe" ./scripts/action/helper)
  "$bin/leakcord$exe" version
  output bin "$bin"
  if [[ -n "${GITHUB_PATH:-}" ]]; then echo "$bin" >>"$GITHUB_PATH"; fi
}

# --- scan -----------------------------------------------------------------

# Event fields (see scripts/action/helper): ev_before, ev_after, ev_ref, ...
read_event() {
  local payload="${GITHUB_EVENT_PATH:-}" line key value fields
  ev_before="" ev_after="" ev_ref="" ev_deleted="" ev_repository="" ev_default_branch=""
  ev_pr_number="" ev_pr_base_sha="" ev_pr_base_ref="" ev_pr_head_sha="" ev_pr_head_repo=""
  [[ -n "$payload" ]] || return 0
  fields="$("$helper" event "$payload")" || die "cannot read the event payload $payload"
  while IFS= read -r line; do
    [[ -n "$line" ]] || continue
    key="${line%%=*}" value="${line#*=}"
    case "$key" in
      before) ev_before="$value" ;;
      after) ev_after="$value" ;;
      ref) ev_ref="$value" ;;
      deleted) ev_deleted="$value" ;;
      repository) ev_repository="$value" ;;
      default_branch) ev_default_branch="$value" ;;
      pr_number) ev_pr_number="$value" ;;
      pr_base_sha) ev_pr_base_sha="$value" ;;
      pr_base_ref) ev_pr_base_ref="$value" ;;
      pr_head_sha) ev_pr_head_sha="$value" ;;
      pr_head_repo) ev_pr_head_repo="$value" ;;
    esac
  done <<<"$fields"
}

# git in the scanned repository. The workspace may belong to another user
# (container jobs); checkout already chose to trust it.
g() { git -c safe.directory='*' -C "$repo" "$@"; }
is_zero() { [[ -z "$1" || "$1" =~ ^0+$ ]]; }
have() { g cat-file -e "$1^{commit}" 2>/dev/null; }
short() { printf '%s' "${1:0:12}"; }

# need_history SHA...: make the commits and all of their history present,
# fetching from origin when the checkout is shallow or lacks one of them.
# Returns 1 when a shallow checkout could not be deepened.
need_history() {
  local s missing=() rc=0
  if [[ "$(g rev-parse --is-shallow-repository 2>/dev/null)" == true ]]; then
    echo "Shallow checkout: fetching the history the scan needs (fetch-depth: 0 on actions/checkout avoids this step)"
    g fetch --quiet --no-tags --unshallow origin "$@" 2>/dev/null ||
      g fetch --quiet --no-tags --unshallow origin 2>/dev/null || rc=1
  fi
  for s; do have "$s" || missing+=("$s"); done
  if ((${#missing[@]})); then
    g fetch --quiet --no-tags origin "${missing[@]}" 2>/dev/null || true
  fi
  return "$rc"
}

# need_range_history SHA...: need_history, or stop: in a shallow history the
# oldest commit would look as if it added every file it holds.
need_range_history() {
  need_history "$@" ||
    die "this checkout is shallow and its history could not be fetched from origin, so the commits to scan cannot be told apart from older ones. Set fetch-depth: 0 on actions/checkout."
}

# base_of_new_ref TIP: where the commits of a new branch start: its merge base
# with the default branch; empty when there is none (scan all of TIP).
base_of_new_ref() {
  local tip="$1" db="$ev_default_branch"
  [[ -n "$db" && "$ev_ref" != "refs/heads/$db" ]] || return 0
  g fetch --quiet --no-tags origin "+refs/heads/$db:refs/remotes/origin/$db" 2>/dev/null || true
  g merge-base "$tip" "refs/remotes/origin/$db" 2>/dev/null || true
}

# plan_push: history_args and what for the pushed commits.
plan_push() {
  local before="$ev_before" after="${ev_after:-${GITHUB_SHA:-}}" base parent
  if [[ "$ev_deleted" == true ]] || is_zero "$after"; then
    nothing="the push deleted $ev_ref"
    return
  fi
  local -a want=("$after")
  is_zero "$before" || want+=("$before")
  need_range_history "${want[@]}"
  have "$after" || die "the pushed commit $after is not in the checkout; check out the pushed ref with actions/checkout"
  if is_zero "$before" || ! have "$before"; then
    if ! is_zero "$before"; then
      notice "The commit before the push ($(short "$before")) is not in the repository (a force push?): scanning the commits of $ev_ref that are not on the default branch."
    fi
    base="$(base_of_new_ref "$after")"
    if [[ -n "$base" && "$base" != "$(g rev-parse "$after^{commit}")" ]]; then
      history_args=(--range "$base..$after")
      what="the commits of ${ev_ref#refs/heads/} since the default branch ($(short "$base")..$(short "$after"))"
    elif [[ -n "$base" ]]; then
      nothing="the new ref $ev_ref has no commits that the default branch lacks"
    else
      history_args=(--branch "$after")
      what="all commits of ${ev_ref#refs/heads/} (a new branch, up to $(short "$after"))"
    fi
  elif [[ "$(g rev-parse "$before^{commit}")" == "$(g rev-parse "$after^{commit}")" ]]; then
    # Nothing new was pushed (before == after): scan the tip commit.
    if parent="$(g rev-parse -q --verify "$after^1" 2>/dev/null)"; then
      history_args=(--range "$parent..$after")
    else
      history_args=(--branch "$after")
    fi
    what="the tip commit $(short "$after") (the push moved nothing)"
  else
    history_args=(--range "$before..$after")
    what="the pushed commits $(short "$before")..$(short "$after")"
  fi
  partial=true
}

# plan_pr: history_args and what for the commits of a pull request.
plan_pr() {
  local base="$ev_pr_base_sha" head="$ev_pr_head_sha"
  [[ -n "$base" && -n "$head" ]] || die "mode diff: the event payload has no pull_request base and head"
  need_range_history "$base" "$head"
  if ! have "$head" && [[ -n "$ev_pr_number" ]]; then
    g fetch --quiet --no-tags origin "+refs/pull/$ev_pr_number/head:refs/remotes/origin/pr-head" 2>/dev/null || true
  fi
  if ! have "$base" && [[ -n "$ev_pr_base_ref" ]] &&
    g fetch --quiet --no-tags origin "+refs/heads/$ev_pr_base_ref:refs/remotes/origin/$ev_pr_base_ref" 2>/dev/null; then
    base="$(g rev-parse "refs/remotes/origin/$ev_pr_base_ref")"
  fi
  have "$head" || die "the head commit $head of pull request #$ev_pr_number is not in the checkout and could not be fetched; use actions/checkout with fetch-depth: 0"
  have "$base" || die "the base commit $base of pull request #$ev_pr_number is not in the checkout and could not be fetched; use actions/checkout with fetch-depth: 0"
  history_args=(--range "$base..$head")
  what="the commits of pull request #$ev_pr_number ($(short "$base")..$(short "$head"))"
}

# can_upload: whether the job's token may use code scanning, asked of the
# API with a read-only request (a token without security-events gets 403, as
# does a repository without code scanning). Unknown answers say yes: the
# upload step then tries, and reports a failure as a notice.
can_upload() {
  local token="${LEAKCORD_GITHUB_TOKEN:-}" api="${GITHUB_API_URL:-https://api.github.com}" code
  [[ -n "$token" && -n "${GITHUB_REPOSITORY:-}" ]] || return 0
  command -v curl >/dev/null || return 0
  code="$(printf 'header = "Authorization: Bearer %s"\n' "$token" |
    curl -sS -K - -o /dev/null -w '%{http_code}' --max-time 15 \
      -H 'Accept: application/vnd.github+json' -H 'X-GitHub-Api-Version: 2022-11-28' \
      "$api/repos/$GITHUB_REPOSITORY/code-scanning/alerts?per_page=1" 2>/dev/null)" || return 0
  case "$code" in 401|403) return 1 ;; esac
  return 0
}

cmd_scan() {
  local ws="${GITHUB_WORKSPACE:-$PWD}" event="${GITHUB_EVENT_NAME:-}" exe
  exe="$(exe_suffix)"
  local bin="${LEAKCORD_BIN:-}"
  leakcord="$bin/leakcord$exe" helper="$bin/leakcord-action-helper$exe"
  [[ -n "$bin" && -x "$leakcord" ]] || leakcord="$(command -v leakcord)" || die "leakcord is not built (run.sh build) nor on PATH"
  [[ -n "$bin" && -x "$helper" ]] || helper="$(command -v leakcord-action-helper)" || die "leakcord-action-helper is not built (run.sh build) nor on PATH"
  cd "$ws"

  # Inputs.
  local mode="${INPUT_MODE:-}" fail_on="${INPUT_FAIL_ON:-any}" format="${INPUT_FORMAT:-text}"
  local upload_in="${INPUT_UPLOAD_SARIF:-auto}" verify=false
  if is_true "${INPUT_VERIFY:-false}"; then verify=true; fi
  case "$mode" in ""|auto|scan|history|diff) ;; *) die "input mode: '$mode' is not scan, history or diff" ;; esac
  case "$fail_on" in any|live|none) ;; *) die "input fail-on: '$fail_on' is not any, live or none" ;; esac
  case "$upload_in" in auto|true|false) ;; *) die "input upload-sarif: '$upload_in' is not auto, true or false" ;; esac
  case "$format" in text|json|jsonl|sarif|github|markdown) ;; *) die "input format: '$format' is not one of text, json, jsonl, sarif, github, markdown" ;; esac
  local -a user_args=()
  read -r -a user_args <<<"${INPUT_ARGS:-}" || true

  read_event
  local is_pr=false
  case "$event" in pull_request|pull_request_target) is_pr=true ;; esac
  if [[ -z "$mode" || "$mode" == auto ]]; then
    if [[ "$is_pr" == true ]]; then mode="diff"
    elif [[ "$event" == push ]]; then mode="history"
    else mode="scan"
    fi
  fi
  if [[ "$mode" == diff && "$is_pr" != true && "$event" != push ]]; then
    notice "mode diff needs a pull_request or push event (this is '$event'): scanning the files instead."
    mode=scan
  fi

  # What to scan.
  local sub what="" nothing="" partial=false
  local -a positional=() history_args=()
  repo="."
  if [[ "$mode" == scan ]]; then
    sub=scan
    local -a paths=()
    read -r -a paths <<<"${INPUT_PATH:-.}" || true
    ((${#paths[@]})) || paths=(.)
    if ((${#paths[@]} == 1)) && [[ "${paths[0]}" != . && "${paths[0]}" != ./ && -d "${paths[0]}" ]]; then
      # One folder: leakcord would name files relative to it; a second,
      # empty root makes it keep the folder in the paths, so that
      # annotations and SARIF locations are relative to the repository.
      mkdir -p "$tmp_root/leakcord-action/empty"
      paths+=("$tmp_root/leakcord-action/empty")
    fi
    positional=("${paths[@]}")
    what="the files of ${INPUT_PATH:-.}"
  else
    sub=history
    repo="${INPUT_PATH:-.}"
    [[ "$repo" != *" "* ]] || die "input path: history and diff modes scan one repository, got '$repo'"
    g rev-parse --git-dir >/dev/null 2>&1 || die "$repo is not a git repository; check it out with actions/checkout"
    positional=("$repo")
    if [[ "$mode" == diff && "$is_pr" == true ]]; then
      plan_pr
    elif [[ "$event" == push ]]; then
      plan_push
    else
      need_history ||
        warning "This checkout is shallow and its history could not be fetched: only the commits it has are scanned. Set fetch-depth: 0 on actions/checkout."
      what="every commit of every ref"
    fi
  fi
  local category="leakcord/$mode/"
  output mode "$mode"
  output category "$category"

  local out="$tmp_root/leakcord-action/$mode-$$"
  rm -rf "$out"; mkdir -p "$out"
  local sarif_out="${INPUT_SARIF_FILE:-}"
  [[ -n "$sarif_out" ]] || sarif_out="$tmp_root/leakcord-$mode.sarif"
  [[ "$sarif_out" == /* || "$sarif_out" =~ ^[A-Za-z]:[\\/] ]] || sarif_out="$ws/$sarif_out"

  if [[ -n "$nothing" ]]; then
    notice "Nothing to scan: $nothing."
    output findings 0; output live-findings 0; output sarif-file ""; output upload false; output fail false
    return 0
  fi
  echo "leakcord $mode: scanning $what"

  local -a verify_args=()
  if [[ "$verify" == true ]]; then
    if "$leakcord" "$sub" --help 2>/dev/null | grep -q -- '--verify'; then
      verify_args=(--verify)
    else
      warning "verify: this leakcord has no --verify yet; findings are reported unverified."
      verify=false
    fi
  fi
  if [[ "$fail_on" == live && "$verify" != true ]]; then
    warning "fail-on: live needs verify: true; without it no finding is live, so findings will not fail this step."
  fi

  # lc FORMAT [OUTPUT] [EXTRA...]: run leakcord; findings are not an error
  # here (--exit-code 0), the verdict comes later. Its exit status is left
  # in lc_rc, for lc_check once workflow commands are on again.
  local lc_rc=0
  lc() {
    local fmt="$1" file="$2"; shift 2
    local -a o=()
    [[ -z "$file" ]] || o=(--output "$file")
    lc_rc=0
    "$leakcord" "$sub" "${user_args[@]}" "${verify_args[@]}" "${history_args[@]}" "$@" \
      --format "$fmt" "${o[@]}" --exit-code 0 "${positional[@]}" </dev/null || lc_rc=$?
  }
  # lc_check: fail the step when leakcord failed (after ::stop-commands::
  # ended, or the runner would swallow the error annotation).
  lc_check() {
    if ((lc_rc != 0)); then
      error "leakcord $sub failed (exit $lc_rc): the scan is incomplete; see the log above."
      output findings ""; output live-findings ""; output fail true
      exit "$lc_rc"
    fi
  }
  # The report in the log, with warnings. File names and commit messages in it
  # come from the scanned code: stop-commands keeps the runner from taking a
  # line of it as a workflow command (the annotations are printed after).
  # One scan writes every report (--report), so each secret is scanned and,
  # with verify, sent to Discord once.
  local -a reports=(--report "jsonl=$out/findings.jsonl" --report "sarif=$out/leakcord.sarif"
    --report "markdown=$out/summary.md")
  [[ "$format" == github ]] || reports+=(--report "github=$out/annotations.txt")
  if [[ "$format" == github ]]; then
    lc "$format" "" "${reports[@]}"
  else
    local stop="leakcord-$RANDOM$RANDOM$RANDOM"
    echo "::stop-commands::$stop"
    lc "$format" "" "${reports[@]}"
    echo "::$stop::"
  fi
  lc_check

  local counts findings=0 live=0
  counts="$("$helper" count "$out/findings.jsonl")" || die "cannot count the findings"
  while IFS='=' read -r key value; do
    case "$key" in findings) findings="$value" ;; live) live="$value" ;; esac
  done <<<"$counts"

  "$helper" sarif-category "$out/leakcord.sarif" "$category" || die "cannot set the SARIF category"
  mkdir -p "$(dirname "$sarif_out")"
  cp "$out/leakcord.sarif" "$sarif_out"

  # Annotations on the files (and lines) of the findings.
  if [[ -s "$out/annotations.txt" ]]; then cat "$out/annotations.txt"; fi

  # Job summary.
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    {
      printf '<!-- leakcord %s -->\n' "$mode"
      printf '_leakcord %s: %s._\n\n' "$mode" "$what"
      cat "$out/summary.md"
      printf '\n'
    } >>"$GITHUB_STEP_SUMMARY"
  fi

  # Upload to code scanning?
  local upload=false required=false
  if [[ "$upload_in" != false ]]; then
    if [[ "$event" == pull_request && -n "$ev_pr_head_repo" && "$ev_pr_head_repo" != "${ev_repository:-${GITHUB_REPOSITORY:-}}" ]]; then
      notice "SARIF upload skipped: a pull request from a fork gets a read-only token (no security-events: write). The findings are in the annotations and the job summary."
    elif [[ "${GITHUB_ACTOR:-}" == "dependabot[bot]" ]]; then
      notice "SARIF upload skipped: runs triggered by Dependabot get a read-only token."
    elif [[ "$upload_in" == auto && "$partial" == true ]]; then
      notice "SARIF upload skipped: this run scanned only the pushed commits, and code scanning would close the alerts of earlier pushes as fixed. Upload a full scan instead (mode: scan or a scheduled mode: history; see docs/github-action.md), or set upload-sarif: true."
    elif [[ "$upload_in" == auto ]] && ! can_upload; then
      notice "SARIF upload skipped: the workflow's token cannot use code scanning here (it needs permissions security-events: write, and code scanning enabled for the repository). The findings are in the annotations and the job summary."
    else
      upload=true
      [[ "$upload_in" == true ]] && required=true
    fi
  fi

  local fail=false
  case "$fail_on" in
    any) ((findings > 0)) && fail=true ;;
    live) ((live > 0)) && fail=true ;;
  esac
  echo "leakcord $mode: $findings finding(s), $live live; fail-on $fail_on: $([[ "$fail" == true ]] && echo "failing" || echo "not failing")"

  output findings "$findings"
  output live-findings "$live"
  output sarif-file "$sarif_out"
  output upload "$upload"
  output upload-required "$required"
  output fail "$fail"
}

cmd_verdict() {
  local findings="${FINDINGS:-0}" live="${LIVE:-0}" fail_on="${FAIL_ON:-any}"
  if [[ "$fail_on" == live ]]; then
    error "$live live Discord credential(s) found ($findings finding(s) in all). Reset them now: see the job summary."
  else
    error "$findings Discord credential finding(s). Reset each credential (removing it from the code does not revoke it): see the job summary."
  fi
  exit 1
}

case "${1:-}" in
  build) cmd_build ;;
  scan) cmd_scan ;;
  verdict) cmd_verdict ;;
  *) echo "usage: run.sh build | scan | verdict" >&2; exit 2 ;;
esac
