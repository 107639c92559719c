package scanner

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/leakcord/leakcord/rules"
)

// DefaultMaxFileSize is the size above which files are skipped.
const DefaultMaxFileSize = 10 << 20

// binarySniffLen is how much of a file is searched for a NUL byte to decide
// that it is binary.
const binarySniffLen = 8 << 10

// Options configure a working-tree or stdin scan.
type Options struct {
	// Matcher finds candidates; required.
	Matcher *rules.Matcher
	// MaxFileSize skips larger files (counted); 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// NoIgnore scans files that .gitignore and .git/info/exclude exclude.
	NoIgnore bool
	// Jobs is how many files are read and matched at once; 0 means one per CPU.
	Jobs int
	// Stdin is read when a path is "-".
	Stdin io.Reader
	// Exclude, when set, skips paths (relative to the scan root,
	// "/"-separated) for which it returns true, like an ignore file.
	Exclude func(rel string, isDir bool) bool
	// Warn receives problems with single files or folders (the scan goes on).
	// They are also counted in Stats.Errors. Nil discards them.
	Warn func(error)

	// onMatch, when set, is called with each file's path and content just
	// before it is matched (tests).
	onMatch func(rel string, data []byte)
}

// ErrNoPaths is returned by Scan when it is given no paths.
var ErrNoPaths = errors.New("no paths to scan")

// ErrNotRegular is wrapped by the error Scan returns for a path that is
// neither a regular file nor a folder (a named pipe, a socket, a device,
// /dev/stdin): Scan never opens one, since a pipe without a writer blocks.
// Stdin is read when the path is "-".
var ErrNotRegular = errors.New("not a regular file or folder")

// Scan scans files and folders (and stdin for "-") and returns the findings
// sorted by file, line and column. Paths of findings are relative to the
// scan root when one path is given and it is a folder, and the given path
// joined with the relative path otherwise. An error means the scan is
// incomplete: a root that cannot be read, or a cancelled context.
//
// Each file is read once, however the paths overlap. A path naming the
// same file or folder as an earlier one (compared cleaned, absolute and
// with symbolic links resolved) is left out, and so is a second "-". A
// file or folder inside a folder also given is read as part of the path
// that names it, not again in the outer folder's walk, and named in
// reports as that path names it: so "a" and "a/b" report a/b's files as
// "a/b/…", as two separate paths would, and a file given explicitly is read
// even when the outer folder's .gitignore excludes it. Files are named
// by the count of paths given, not of those left: "a" and "a/" report
// "a/x.txt", not "x.txt".
//
// When ctx is cancelled after the scan started, Scan returns ctx's error
// together with a partial result: the findings of the files read before
// the cancellation, sorted, with [Result.Incomplete] set. Every other error
// comes with a nil result.
func Scan(ctx context.Context, paths []string, opts Options) (*Result, error) {
	if len(paths) == 0 {
		return nil, ErrNoPaths
	}
	if opts.Matcher == nil {
		return nil, errors.New("scanner: no matcher")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	s := &scan{opts: opts}

	roots, err := s.resolveRoots(paths)
	if err != nil {
		return nil, err
	}

	jobs := make(chan fileJob, 4*opts.Jobs)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		defer close(jobs)
		defer func() {
			if p := recover(); p != nil { // a bug: the scan cannot be complete
				err = Recovered("the folders given", p)
			}
		}()
		for _, r := range roots {
			if err := s.walkRoot(gctx, r, jobs); err != nil {
				return err
			}
		}
		return nil
	})
	for range opts.Jobs {
		g.Go(func() error { return s.worker(gctx, jobs) })
	}
	err = g.Wait()
	if cerr := ctx.Err(); cerr != nil {
		// Cancelled: the workers are done, so what they found so far is
		// consistent; hand it back with the error.
		err = cerr
	} else if err != nil {
		return nil, err
	}
	slices.SortFunc(s.findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.RuleID, b.RuleID))
	})
	s.stats.Duration = time.Since(start)
	return &Result{Mode: "scan", Findings: s.findings, Stats: s.stats, Incomplete: err != nil}, err
}

// scan is the state of one Scan call.
type scan struct {
	opts Options

	mu       sync.Mutex
	findings []Finding
	stats    Stats
}

// fileJob is one file to read, or stdin when stdin is set.
type fileJob struct {
	abs   string // path to open
	rel   string // path in reports
	stdin bool
}

func (s *scan) warn(err error) {
	s.mu.Lock()
	s.stats.Errors++
	s.mu.Unlock()
	if s.opts.Warn != nil {
		s.opts.Warn(err)
	}
}

func (s *scan) worker(ctx context.Context, jobs <-chan fileJob) error {
	var buf []byte
	for j := range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.job(ctx, j, &buf); err != nil {
			return err
		}
	}
	return nil
}

// job reads and matches one file (or stdin), reusing *buf. A panic while
// doing so (a bug) becomes a warning about that file, and the scan goes
// on. The error result stops the scan (stdin could not be read).
func (s *scan) job(ctx context.Context, j fileJob, buf *[]byte) error {
	defer func() {
		if p := recover(); p != nil {
			*buf = nil
			s.warn(Recovered(j.rel, p))
		}
	}()
	var data []byte
	var u16 *utf16Text
	var err error
	if j.stdin {
		data, err = readStdin(ctx, s.opts.Stdin)
		if err != nil {
			return err
		}
		if isBinary(data) {
			u16 = asUTF16(s.opts.Matcher, data)
		}
	} else {
		var skip bool
		data, u16, skip, err = s.readFile(j.abs, *buf)
		if err != nil {
			s.warn(err)
			return nil
		}
		if skip {
			return nil
		}
		*buf = data[:0]
	}
	s.match(j.rel, data, u16)
	return nil
}

// readStdin reads r to its end, or until ctx is done: a read from a
// terminal can block until the user types, and a cancelled scan (Ctrl-C)
// must not wait for that. The reading goroutine then ends only when r
// returns, which for the process's stdin is at exit at the latest.
func readStdin(ctx context.Context, r io.Reader) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(r)
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		if res.err != nil {
			return nil, fmt.Errorf("read stdin: %w", res.err)
		}
		return res.data, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readFile reads a regular file into buf, applying the size and binary
// gates; a UTF-16 text file passes the binary gate, transcoded (u16).
func (s *scan) readFile(name string, buf []byte) (data []byte, u16 *utf16Text, skip bool, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, false, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, false, fmt.Errorf("stat %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, true, nil
	}
	if fi.Size() > s.opts.MaxFileSize {
		s.count(func(st *Stats) { st.SkippedLarge++ })
		return nil, nil, true, nil
	}
	want := int(fi.Size()) + 512 // room to notice a file that grows while read
	if cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	data, err = readAll(f, buf[:0], s.opts.MaxFileSize)
	if err != nil {
		return nil, nil, false, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > s.opts.MaxFileSize {
		s.count(func(st *Stats) { st.SkippedLarge++ })
		return nil, nil, true, nil
	}
	if isBinary(data) {
		if u16 = asUTF16(s.opts.Matcher, data); u16 == nil {
			s.count(func(st *Stats) { st.SkippedBinary++ })
			return nil, nil, true, nil
		}
	}
	return data, u16, false, nil
}

// readAll appends r to buf, stopping once more than limit bytes were read.
func readAll(r io.Reader, buf []byte, limit int64) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return buf, nil
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// isBinary reports whether data has a NUL byte in its first
// binarySniffLen bytes. (UTF-16 text has them too: see utf16.go.)
func isBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), binarySniffLen)], 0) >= 0
}

func (s *scan) count(f func(*Stats)) {
	s.mu.Lock()
	f(&s.stats)
	s.mu.Unlock()
}

// match runs the matcher over one file's bytes (or, for a UTF-16 file,
// over its transcoding u16) and records its findings.
func (s *scan) match(rel string, data []byte, u16 *utf16Text) {
	if s.opts.onMatch != nil {
		s.opts.onMatch(rel, data)
	}
	found := matchContent(s.opts.Matcher, rel, data, u16)
	s.mu.Lock()
	s.stats.Files++
	s.stats.Bytes += int64(len(data))
	s.findings = append(s.findings, found...)
	s.mu.Unlock()
}

// toSlash cleans p and makes it "/"-separated.
func toSlash(p string) string { return filepath.ToSlash(filepath.Clean(p)) }
