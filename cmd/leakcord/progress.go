package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/leakcord/leakcord/scanner"
)

// historyProgress renders scanner.Progress as a progress bar on stderr: one
// bar per phase (commits, then file versions), with counts, rate and ETA.
// It is safe for the scanner's goroutines to call.
type historyProgress struct {
	w     io.Writer
	mu    sync.Mutex
	phase string
	bar   *progressbar.ProgressBar
}

// progressFor returns the progress callback for a history scan, or nil when
// no bar should be drawn: stderr is not a terminal, --quiet or --no-progress.
func (a *app) progressFor(quiet, off bool) (func(scanner.Progress), func()) {
	f, ok := a.stderr.(*os.File)
	if quiet || off || !ok || !isatty.IsTerminal(f.Fd()) || a.getenv("TERM") == "dumb" {
		return nil, func() {}
	}
	p := &historyProgress{w: a.stderr}
	return p.update, p.finish
}

func (p *historyProgress) update(pr scanner.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if pr.Phase != p.phase {
		p.finishLocked()
		p.phase = pr.Phase
		desc, unit := "commits      ", "commits"
		if pr.Phase == "blobs" {
			desc, unit = "file versions", "files"
		}
		p.bar = progressbar.NewOptions(pr.Total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(desc),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString(unit),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
		)
	}
	_ = p.bar.Set(pr.Done)
	if pr.Phase == "blobs" {
		p.bar.Describe(fmt.Sprintf("file versions (%s read)", humanSize(pr.Bytes)))
	}
}

func (p *historyProgress) finishLocked() {
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}

// finish clears the last bar before the report is printed.
func (p *historyProgress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finishLocked()
}

// humanSize formats a byte count with binary units.
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
