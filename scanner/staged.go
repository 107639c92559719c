package scanner

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// ScanStaged scans what `git commit` would record now in the repository at
// repoArg: the index compared with HEAD (or with an empty tree before the
// first commit). Only secrets on added or changed lines are reported: a line
// whose exact text was already in the committed version of the file (or, for
// a new path, in a file this change deletes, as in a rename) is not this
// commit's problem, and unstaged edits are not in the commit. Unmerged paths
// are warnings: a commit cannot be made until they are resolved. A repoArg
// that is a file is an error wrapping [ErrNotFolder].
//
// When ctx is cancelled while the changed files are read, ScanStaged
// returns the findings of the files read before, with [Result.Incomplete]
// set, together with ctx.Err(); cancelled earlier, nil and the error.
func ScanStaged(ctx context.Context, repoArg string, opts Options) (*Result, error) {
	if opts.Matcher == nil {
		return nil, errors.New("scanner: no matcher")
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	start := time.Now()
	if !IsRemote(repoArg) {
		if err := checkRepoArg(repoArg); err != nil {
			return nil, err
		}
	}
	repo, cleanup, err := openRepo(ctx, repoArg)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	idx, err := repo.Storer.Index()
	if err != nil {
		return nil, fmt.Errorf("read the index of %s: %w", repoArg, err)
	}
	var head map[string]plumbing.Hash
	if ref, err := repo.Head(); err == nil {
		if head, err = headFiles(repo, ref.Hash()); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, fmt.Errorf("resolve HEAD of %s: %w", repoArg, err)
	}

	st := &staged{repo: repo, opts: opts}
	staged := make(map[string]bool, len(idx.Entries))
	var changed []stagedFile
	for _, e := range idx.Entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if e.Stage != 0 {
			if !staged[e.Name] {
				st.warn(fmt.Errorf("%s is unmerged: resolve the conflict and stage it, then run leakcord again", e.Name))
			}
			staged[e.Name] = true
			continue
		}
		staged[e.Name] = true
		if e.IntentToAdd || (e.Mode != filemode.Regular && e.Mode != filemode.Executable) {
			continue
		}
		if old, ok := head[e.Name]; ok && old == e.Hash {
			continue
		}
		changed = append(changed, stagedFile{path: e.Name, blob: e.Hash, old: head[e.Name]})
	}
	// Files of HEAD that the index no longer has: the old side of renames.
	var deleted []plumbing.Hash
	for p, h := range head {
		if !staged[p] {
			deleted = append(deleted, h)
		}
	}
	var findings []Finding
	var cancelled error
	for _, f := range changed {
		if cancelled = ctx.Err(); cancelled != nil {
			break
		}
		findings = append(findings, st.file(f, deleted)...)
	}
	slices.SortFunc(findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	st.stats.Duration = time.Since(start)
	return &Result{Mode: "staged", Findings: findings, Stats: st.stats, Incomplete: cancelled != nil}, cancelled
}

// file returns the findings on the lines that the staged version of f
// adds; deleted are the blobs of the files the change deletes (the old
// side of renames). A panic while doing so (a bug) becomes a warning about
// f, and the scan goes on.
func (s *staged) file(f stagedFile, deleted []plumbing.Hash) (added []Finding) {
	defer func() {
		if p := recover(); p != nil {
			added = nil
			s.warn(Recovered(f.path, p))
		}
	}()
	data, u16, ok := s.read(f.blob, f.path)
	if !ok {
		return nil
	}
	s.stats.Files++
	s.stats.Bytes += int64(len(data))
	// The findings and lines of the text: a UTF-16 file's transcoded,
	// mapped back to the file at the end.
	text := textOf(data, u16)
	if s.opts.onMatch != nil {
		s.opts.onMatch(f.path, text)
	}
	fs := assemble(f.path, text, s.opts.Matcher.Find(text))
	if len(fs) == 0 {
		return nil
	}
	var oldLines map[string]int
	if !f.old.IsZero() {
		if old, oldU16, ok := s.read(f.old, f.path); ok {
			oldLines = lineSet(textOf(old, oldU16))
		}
	} else {
		if s.deletedLines == nil {
			s.deletedLines = s.linesOf(deleted)
		}
		oldLines = s.deletedLines
	}
	for _, fd := range fs {
		ls, le := lineBounds(text, fd.Offset)
		if oldLines[string(bytes.TrimRight(text[ls:le], "\r"))] > 0 {
			continue // the line was already committed
		}
		added = append(added, fd)
	}
	if u16 != nil {
		added = u16.toFile(added)
	}
	return added
}

// stagedFile is a path whose staged blob differs from HEAD's.
type stagedFile struct {
	path string
	blob plumbing.Hash
	old  plumbing.Hash // zero when HEAD has no file at path
}

type staged struct {
	repo  *git.Repository
	opts  Options
	stats Stats
	// deletedLines are the lines of the files the change deletes, read
	// when a new path first needs them.
	deletedLines map[string]int
}

func (s *staged) warn(err error) {
	s.stats.Errors++
	if s.opts.Warn != nil {
		s.opts.Warn(err)
	}
}

// read returns a blob's bytes (and its text when it is UTF-16), or false
// for a blob that is too large, binary, an LFS pointer or unreadable (a
// warning).
func (s *staged) read(h plumbing.Hash, path string) ([]byte, *utf16Text, bool) {
	blob, err := s.repo.BlobObject(h)
	if err != nil {
		s.warn(fmt.Errorf("read staged blob %s (%s): %w", h, path, err))
		return nil, nil, false
	}
	if blob.Size > s.opts.MaxFileSize {
		s.stats.SkippedLarge++
		return nil, nil, false
	}
	r, err := blob.Reader()
	if err != nil {
		s.warn(fmt.Errorf("read staged blob %s (%s): %w", h, path, err))
		return nil, nil, false
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		s.warn(fmt.Errorf("read staged blob %s (%s): %w", h, path, err))
		return nil, nil, false
	}
	u16, skip := blobContent(s.opts.Matcher, data)
	if skip != nil {
		skip(&s.stats)
		return nil, nil, false
	}
	return data, u16, true
}

// textOf is the text of a file's content: data, or its UTF-16 text
// transcoded.
func textOf(data []byte, u16 *utf16Text) []byte {
	if u16 != nil {
		return u16.text
	}
	return data
}

// linesOf returns the lines of several blobs.
func (s *staged) linesOf(blobs []plumbing.Hash) map[string]int {
	m := make(map[string]int)
	for _, h := range blobs {
		if data, u16, ok := s.read(h, "(deleted file)"); ok {
			for l, n := range lineSet(textOf(data, u16)) {
				m[l] += n
			}
		}
	}
	return m
}

// lineSet counts the lines of data (without their line ending).
func lineSet(data []byte) map[string]int {
	m := make(map[string]int)
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			m[string(data)]++
			break
		}
		m[string(data[:i])]++
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
	}
	return m
}
