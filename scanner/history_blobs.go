package scanner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
	"golang.org/x/sync/errgroup"
)

// blobScan reads and matches every distinct blob once, on opts.Jobs
// workers, while the commits are still being diffed: the diff hands over
// each blob the first time it sees one, in batches of blobBatch, and each
// worker reads a batch in pack order with its own objectReader (a delta's
// base comes before it in a pack, so the reader's cache holds most of the
// bases it needs, and the disk is read forwards).
//
// add and finish are called by one goroutine, the diff's; the workers
// report to opts.Progress only once the diff is done, so that the two
// phases of the progress bar do not interleave.
type blobScan struct {
	h       *history
	g       *errgroup.Group
	ctx     context.Context
	cancel  context.CancelFunc
	closing sync.Once // closes batches
	batches chan []blobJob
	batch   []blobJob
	total   int

	collected atomic.Bool // the diff is done: total is final
	done      atomic.Int64
	mu        sync.Mutex
	found     map[plumbing.Hash][]Finding
	// firstUnread is the topological order of the oldest commit that
	// introduced a blob left unread when the scan was cancelled (under mu;
	// math.MaxInt when every blob handed over was read).
	firstUnread int
}

// blobJob is one blob to read, with where the diff first saw it (for
// messages).
type blobJob struct {
	hash  plumbing.Hash
	first intro
	pack  int
	off   int64
}

// blobBatch is how many blobs the diff hands over at a time.
const blobBatch = 512

// startBlobScan starts the workers; ctx cancels them.
func (h *history) startBlobScan(ctx context.Context) *blobScan {
	ctx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(ctx)
	s := &blobScan{h: h, g: g, ctx: gctx, cancel: cancel, batches: make(chan []blobJob, h.opts.Jobs),
		found: make(map[plumbing.Hash][]Finding), firstUnread: math.MaxInt}
	for range h.opts.Jobs {
		g.Go(s.work)
	}
	return s
}

// add queues blob b, first seen at in.
func (s *blobScan) add(b plumbing.Hash, in intro) error {
	s.batch = append(s.batch, blobJob{hash: b, first: in})
	s.total++
	if len(s.batch) < blobBatch {
		return nil
	}
	return s.flush()
}

func (s *blobScan) flush() error {
	if len(s.batch) == 0 {
		return nil
	}
	select {
	case s.batches <- s.batch:
		s.batch = nil
		return nil
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
}

// finish hands over the last batch, waits for the workers and returns the
// findings of each blob that has some; with an error (the scan was
// cancelled), those of the blobs read before, and in unread the
// topological order of the oldest commit whose blobs were not all read
// (math.MaxInt if none).
func (s *blobScan) finish() (found map[plumbing.Hash][]Finding, unread int, err error) {
	err = s.flush()
	s.collected.Store(true)
	if s.h.opts.Progress != nil && err == nil { // the phase shows even when the workers are done
		s.h.opts.Progress(Progress{Phase: "blobs", Done: int(s.done.Load()), Total: s.total, Bytes: s.h.bytesRead()})
	}
	s.closing.Do(func() { close(s.batches) })
	if werr := s.g.Wait(); werr != nil {
		err = werr
	}
	s.cancel()
	// What the workers never took: the batches still queued, and the one
	// the diff could not hand over.
	for batch := range s.batches {
		s.unread(batch)
	}
	s.unread(s.batch)
	return s.found, s.firstUnread, err
}

// abort stops the workers and waits for them, unless finish did: for the
// paths that never reach finish (a panic in the diff).
func (s *blobScan) abort() {
	s.cancel()
	s.closing.Do(func() { close(s.batches) })
	_ = s.g.Wait()
}

// unread notes jobs that were handed over but not read.
func (s *blobScan) unread(jobs []blobJob) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range jobs {
		s.firstUnread = min(s.firstUnread, b.first.commit.order)
	}
}

func (s *blobScan) work() (err error) {
	defer func() {
		if p := recover(); p != nil { // a bug outside one blob: the scan cannot be complete
			err = Recovered("the file versions of the history", p)
		}
	}()
	h := s.h
	r := newObjectReader(h.store, blobReaderCache)
	for batch := range s.batches {
		for i := range batch {
			b := &batch[i]
			if p, off, ok := h.store.locate(b.hash); ok {
				b.pack, b.off = p, off
			} else {
				b.pack = len(h.store.packs) // loose, or behind an alternate: last
			}
		}
		slices.SortFunc(batch, func(a, b blobJob) int { return cmp.Or(cmp.Compare(a.pack, b.pack), cmp.Compare(a.off, b.off)) })
		for i, b := range batch {
			if err := s.ctx.Err(); err != nil {
				s.unread(batch[i:])
				return err
			}
			if s.blob(r, b) {
				// The reader may be half-way through an update.
				r = newObjectReader(h.store, blobReaderCache)
			}
		}
	}
	return nil
}

// blob reads and matches one blob with r. A panic while doing so (a bug)
// becomes a warning about that file version, and the scan goes on; blob
// then reports that it panicked.
func (s *blobScan) blob(r *objectReader, b blobJob) (panicked bool) {
	h := s.h
	defer func() {
		if p := recover(); p != nil {
			panicked = true
			h.warn(Recovered(fmt.Sprintf("%s (blob %s, in commit %.12s)", b.first.path, b.hash, b.first.commit.hash), p))
		}
	}()
	data, u16, ok := h.readBlob(r, b.hash, &b.first)
	if n := s.done.Add(1); h.opts.Progress != nil && s.collected.Load() {
		h.opts.Progress(Progress{Phase: "blobs", Done: int(n), Total: s.total, Bytes: h.bytesRead()})
	}
	if !ok {
		return false
	}
	if h.opts.onMatch != nil {
		h.opts.onMatch(b.first.path, data)
	}
	if fs := matchContent(h.opts.Matcher, "", data, u16); len(fs) > 0 {
		s.mu.Lock()
		s.found[b.hash] = fs
		s.mu.Unlock()
	}
	return false
}

// readBlob reads one blob with the size, binary and LFS gates (u16 is the
// text of a UTF-16 blob); first, if known, is where the diff first saw it,
// for messages. It is safe for concurrent use with different readers.
func (h *history) readBlob(r *objectReader, b plumbing.Hash, first *intro) (data []byte, u16 *utf16Text, ok bool) {
	fail := func(err error) ([]byte, *utf16Text, bool) {
		where := ""
		if first != nil {
			where = fmt.Sprintf(" (%s in commit %.12s)", first.path, first.commit.hash)
		}
		h.warn(fmt.Errorf("read blob %s%s: %w", b, where, err))
		return nil, nil, false
	}
	typ, data, _, err := r.read(b, h.opts.MaxFileSize)
	switch {
	case errors.Is(err, errTooLarge) && typ == plumbing.BlobObject:
		h.count(func(s *Stats) { s.SkippedLarge++ })
		return nil, nil, false
	case err != nil:
		return fail(err)
	case typ != plumbing.BlobObject:
		return fail(fmt.Errorf("object is a %s, not a blob", typ))
	}
	u16, skip := blobContent(h.opts.Matcher, data)
	if skip != nil {
		h.count(skip)
		return nil, nil, false
	}
	h.count(func(s *Stats) { s.Files++; s.Bytes += int64(len(data)) })
	return data, u16, true
}

// bytesRead returns the bytes of the blobs read so far.
func (h *history) bytesRead() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stats.Bytes
}

// count updates the stats under the lock.
func (h *history) count(f func(*Stats)) {
	h.mu.Lock()
	f(&h.stats)
	h.mu.Unlock()
}
