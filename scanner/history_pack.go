package scanner

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"container/list"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// objectStore reads the commits, trees and blobs of a history scan
// straight from a repository's pack files and loose objects, faster than
// go-git's object storage: it does not hash what it inflates (go-git hashes
// every object it caches; git re-hashes objects only when it verifies
// them), it caches delta bases by pack offset, and several goroutines can
// share it, each with its own [objectReader], because it reads pack files
// with ReadAt only. What it cannot find (objects behind alternates, packs
// it cannot use, repositories not on a file system) it reads through
// go-git, one goroutine at a time.
type objectStore struct {
	fs    billy.Filesystem // the git folder; nil when the repository is not on disk
	packs []*packIndex
	mu    sync.Mutex // guards repo
	repo  *git.Repository
}

// newObjectStore opens the pack indexes of repo. Packs that it cannot use
// (an index other than version 2, a pack that cannot be opened) are left
// to go-git.
func newObjectStore(repo *git.Repository) *objectStore {
	s := &objectStore{repo: repo}
	st, ok := fsStorage(repo)
	if !ok {
		return s
	}
	s.fs = st.Filesystem()
	infos, err := s.fs.ReadDir("objects/pack")
	if err != nil {
		return s // no packs: every object is loose
	}
	for _, fi := range infos {
		name := fi.Name()
		if !strings.HasPrefix(name, "pack-") || !strings.HasSuffix(name, ".idx") {
			continue
		}
		if p, err := openPack(s.fs, path.Join("objects/pack", strings.TrimSuffix(name, ".idx"))); err == nil && p != nil {
			s.packs = append(s.packs, p)
		}
	}
	return s
}

func (s *objectStore) close() {
	for _, p := range s.packs {
		p.pack.Close()
	}
	s.packs = nil
}

// locate returns the pack that holds h and its offset there.
func (s *objectStore) locate(h plumbing.Hash) (int, int64, bool) {
	for i, p := range s.packs {
		if off, ok := p.find(h); ok {
			return i, off, true
		}
	}
	return 0, 0, false
}

// packIndex is a pack file and its version 2 index.
type packIndex struct {
	name    string
	pack    billy.File // read with ReadAt only, so safe for concurrent use
	size    int64
	fanout  [256]uint32
	hashes  []byte // sorted object names, 20 bytes each
	offsets []byte // 4 bytes each; the high bit points into large
	large   []byte // 8 bytes each
}

// openPack reads base.idx and opens base.pack; it returns nil (and no
// error) for an index it does not know, which go-git then reads.
func openPack(fs billy.Filesystem, base string) (*packIndex, error) {
	f, err := fs.Open(base + ".idx")
	if err != nil {
		return nil, fmt.Errorf("open pack index %s.idx: %w", base, err)
	}
	idx, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("read pack index %s.idx: %w", base, err)
	}
	if len(idx) < 8+256*4 || !bytes.Equal(idx[:8], []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}) {
		return nil, nil
	}
	p := &packIndex{name: base + ".pack"}
	for i := range p.fanout {
		p.fanout[i] = binary.BigEndian.Uint32(idx[8+4*i:])
		if i > 0 && p.fanout[i] < p.fanout[i-1] {
			return nil, fmt.Errorf("pack index %s.idx: bad fan-out table", base)
		}
	}
	n := int(p.fanout[255])
	rest := idx[8+256*4:]
	if len(rest) < n*28+40 {
		return nil, fmt.Errorf("pack index %s.idx: truncated", base)
	}
	p.hashes, rest = rest[:20*n], rest[20*n:]
	rest = rest[4*n:] // CRC-32s
	p.offsets, rest = rest[:4*n], rest[4*n:]
	p.large = rest[:len(rest)-40]
	packSum := rest[len(rest)-40 : len(rest)-20]
	if p.pack, err = fs.Open(p.name); err != nil {
		return nil, fmt.Errorf("open pack %s: %w", p.name, err)
	}
	fi, err := fs.Stat(p.name)
	if err == nil {
		p.size = fi.Size()
		err = p.check(packSum)
	}
	if err != nil {
		p.pack.Close()
		return nil, fmt.Errorf("pack %s: %w", p.name, err)
	}
	return p, nil
}

// check verifies that the pack starts as a pack does and ends with the
// checksum that its index records.
func (p *packIndex) check(sum []byte) error {
	var head [12]byte
	var tail [20]byte
	if p.size < 32 {
		return errors.New("truncated")
	}
	if _, err := p.pack.ReadAt(head[:], 0); err != nil {
		return err
	}
	if _, err := p.pack.ReadAt(tail[:], p.size-20); err != nil {
		return err
	}
	if v := binary.BigEndian.Uint32(head[4:]); string(head[:4]) != "PACK" || v != 2 && v != 3 {
		return errors.New("not a version 2 or 3 pack")
	}
	if !bytes.Equal(tail[:], sum) {
		return errors.New("does not match its index")
	}
	return nil
}

// find returns the offset of object h in the pack.
func (p *packIndex) find(h plumbing.Hash) (int64, bool) {
	lo := 0
	if h[0] > 0 {
		lo = int(p.fanout[h[0]-1])
	}
	hi := int(p.fanout[h[0]])
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch bytes.Compare(p.hashes[20*mid:20*mid+20], h[:]) {
		case 0:
			off := int64(binary.BigEndian.Uint32(p.offsets[4*mid:]))
			if off&0x80000000 != 0 {
				i := int(off & 0x7fffffff)
				if 8*i+8 > len(p.large) {
					return 0, false
				}
				off = int64(binary.BigEndian.Uint64(p.large[8*i:]))
			}
			return off, true
		case -1:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// errTooLarge reports an object over the size limit of a read; the read
// returns its type and size without its content.
var errTooLarge = errors.New("object too large")

// objectReader reads objects from an objectStore for one goroutine. It
// keeps the objects it materialised, delta bases first of all, in an LRU
// cache of cacheBytes.
type objectReader struct {
	store *objectStore
	cache objectCache
	ps    packStream
	names map[string]string // tree entry names, shared
	br    *bufio.Reader     // for loose objects
	zr    io.ReadCloser
}

func newObjectReader(s *objectStore, cacheBytes int) *objectReader {
	return &objectReader{store: s, cache: objectCache{max: cacheBytes}}
}

// read returns the type and content of object h. With limit > 0, an object
// larger than limit bytes is not inflated: read returns its type, its size
// in data's place (nil) and errTooLarge. The content may be shared with the
// cache: callers must not modify it.
func (r *objectReader) read(h plumbing.Hash, limit int64) (plumbing.ObjectType, []byte, int64, error) {
	if i, off, ok := r.store.locate(h); ok {
		return r.packed(i, off, limit)
	}
	if r.store.fs != nil {
		typ, data, size, err := r.loose(h, limit)
		if !errors.Is(err, plumbing.ErrObjectNotFound) {
			return typ, data, size, err
		}
	}
	return r.fallback(h, limit)
}

// packed reads the object at off in pack i.
func (r *objectReader) packed(i int, off int64, limit int64) (plumbing.ObjectType, []byte, int64, error) {
	key := cacheKey{i, off}
	if e, ok := r.cache.get(key); ok {
		if limit > 0 && int64(len(e.data)) > limit {
			return e.typ, nil, int64(len(e.data)), errTooLarge
		}
		return e.typ, e.data, int64(len(e.data)), nil
	}
	p := r.store.packs[i]
	typ, size, base, ref, err := r.openAt(p, off)
	if err != nil {
		return 0, nil, 0, err
	}
	var data []byte
	switch typ {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
		if limit > 0 && size > limit {
			return typ, nil, size, errTooLarge
		}
		if data, err = r.inflate(size); err != nil {
			return 0, nil, 0, err
		}
	case plumbing.OFSDeltaObject, plumbing.REFDeltaObject:
		delta, err := r.inflate(size)
		if err != nil {
			return 0, nil, 0, err
		}
		if target, ok := deltaTargetSize(delta); ok && limit > 0 && target > limit {
			if typ, err = r.typeAt(i, off); err != nil {
				return 0, nil, 0, err
			}
			return typ, nil, target, errTooLarge
		}
		var baseData []byte
		if typ == plumbing.OFSDeltaObject {
			typ, baseData, _, err = r.packed(i, base, 0)
		} else {
			typ, baseData, _, err = r.read(ref, 0)
		}
		if err != nil {
			return 0, nil, 0, fmt.Errorf("delta base: %w", err)
		}
		if data, err = applyDelta(baseData, delta); err != nil {
			return 0, nil, 0, fmt.Errorf("pack %s: object at offset %d: %w", p.name, off, err)
		}
	default:
		return 0, nil, 0, fmt.Errorf("pack %s: object at offset %d has unknown type %d", p.name, off, typ)
	}
	r.cache.put(key, typ, data)
	return typ, data, int64(len(data)), nil
}

// maxDeltaChain bounds the delta chains that typeAt follows (git's own
// limit for a repack is 4095).
const maxDeltaChain = 10000

// typeAt returns the type of the object at off in pack i, following deltas
// to their base by their headers alone.
func (r *objectReader) typeAt(i int, off int64) (plumbing.ObjectType, error) {
	for range maxDeltaChain {
		typ, _, base, ref, err := r.openAt(r.store.packs[i], off)
		if err != nil {
			return 0, err
		}
		switch typ {
		case plumbing.OFSDeltaObject:
			off = base
		case plumbing.REFDeltaObject:
			var ok bool
			if i, off, ok = r.store.locate(ref); !ok {
				typ, _, _, err := r.read(ref, 1)
				if errors.Is(err, errTooLarge) {
					err = nil
				}
				return typ, err
			}
		default:
			return typ, nil
		}
	}
	return 0, fmt.Errorf("pack %s: delta chain longer than %d", r.store.packs[i].name, maxDeltaChain)
}

// openAt starts reading the pack entry at off and parses its header: the
// type, the size of the data that follows (for a delta, of the delta), the
// base of an OFS delta or the base of a REF delta. The zlib stream of the
// data is next.
func (r *objectReader) openAt(p *packIndex, off int64) (typ plumbing.ObjectType, size, base int64, ref plumbing.Hash, err error) {
	st := &r.ps
	st.reset(p, off)
	fail := func(err error) (plumbing.ObjectType, int64, int64, plumbing.Hash, error) {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return 0, 0, 0, ref, fmt.Errorf("pack %s: bad object header at offset %d: %w", p.name, off, err)
	}
	c, err := st.ReadByte()
	if err != nil {
		return fail(err)
	}
	typ = plumbing.ObjectType(c >> 4 & 7)
	size = int64(c & 15)
	for shift := 4; c&0x80 != 0; shift += 7 {
		if c, err = st.ReadByte(); err != nil || shift > 56 {
			return fail(err)
		}
		size |= int64(c&0x7f) << shift
	}
	switch typ {
	case plumbing.OFSDeltaObject:
		if c, err = st.ReadByte(); err != nil {
			return fail(err)
		}
		rel := int64(c & 0x7f)
		for c&0x80 != 0 {
			if c, err = st.ReadByte(); err != nil || rel > 1<<48 {
				return fail(err)
			}
			rel = (rel+1)<<7 | int64(c&0x7f)
		}
		if rel <= 0 || rel > off {
			return fail(errors.New("delta base out of range"))
		}
		base = off - rel
	case plumbing.REFDeltaObject:
		if _, err := io.ReadFull(st, ref[:]); err != nil {
			return fail(err)
		}
	}
	return typ, size, base, ref, nil
}

// orErr returns err, or otherwise when err is nil.
func orErr(err, otherwise error) error {
	if err == nil {
		return otherwise
	}
	return err
}

// inflate returns the next size bytes of the zlib stream that openAt
// left the pack stream at.
func (r *objectReader) inflate(size int64) ([]byte, error) {
	st := &r.ps
	if size < 0 || size > st.p.size*1032 { // deflate expands at most about 1032:1
		return nil, fmt.Errorf("pack %s: object data at offset %d: implausible size %d", st.p.name, st.start, size)
	}
	var err error
	if r.zr == nil {
		r.zr, err = zlib.NewReader(st)
	} else {
		err = r.zr.(zlib.Resetter).Reset(st, nil)
	}
	var data []byte
	if err == nil {
		data, err = readExactly(r.zr, size)
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("pack %s: inflate object data at offset %d: %w", st.p.name, st.start, err)
	}
	return data, nil
}

// readExactly reads size bytes from r. Up to 16 MiB it allocates them at
// once; beyond, it grows the buffer as data comes, so that a corrupt
// header claiming a huge size costs no more memory than the data there is.
func readExactly(r io.Reader, size int64) ([]byte, error) {
	if size <= 16<<20 {
		data := make([]byte, size)
		_, err := io.ReadFull(r, data)
		return data, err
	}
	data, err := io.ReadAll(io.LimitReader(r, size))
	if err == nil && int64(len(data)) < size {
		err = io.ErrUnexpectedEOF
	}
	return data, err
}

// packStream reads a pack forwards from an offset, one ReadAt per chunk:
// a first small one, which holds most objects whole, then larger ones. It
// is an io.ByteReader, so that the inflater reads no further than it needs.
type packStream struct {
	p     *packIndex
	start int64 // where reading started
	pos   int64 // file offset after buf[:w]
	buf   []byte
	r, w  int
}

const (
	firstChunk = 4 << 10
	nextChunk  = 64 << 10
)

func (s *packStream) reset(p *packIndex, off int64) {
	s.p, s.start, s.pos, s.r, s.w = p, off, off, 0, 0
}

func (s *packStream) fill() error {
	n := nextChunk
	if s.pos == s.start {
		n = firstChunk
	}
	if cap(s.buf) < n {
		s.buf = make([]byte, nextChunk)
	}
	s.buf = s.buf[:cap(s.buf)]
	m, err := s.p.pack.ReadAt(s.buf[:n], s.pos)
	if m > 0 {
		s.pos += int64(m)
		s.r, s.w = 0, m
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return err
}

func (s *packStream) ReadByte() (byte, error) {
	if s.r == s.w {
		if err := s.fill(); err != nil {
			return 0, err
		}
	}
	c := s.buf[s.r]
	s.r++
	return c, nil
}

func (s *packStream) Read(b []byte) (int, error) {
	if s.r == s.w {
		if err := s.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(b, s.buf[s.r:s.w])
	s.r += n
	return n, nil
}

// loose reads a loose object, or returns plumbing.ErrObjectNotFound.
func (r *objectReader) loose(h plumbing.Hash, limit int64) (plumbing.ObjectType, []byte, int64, error) {
	hex := h.String()
	f, err := r.store.fs.Open(path.Join("objects", hex[:2], hex[2:]))
	if err != nil {
		return 0, nil, 0, plumbing.ErrObjectNotFound
	}
	defer f.Close()
	if r.br == nil {
		r.br = bufio.NewReaderSize(f, 8<<10)
	} else {
		r.br.Reset(f)
	}
	zr, err := zlib.NewReader(r.br)
	if err != nil {
		return 0, nil, 0, fmt.Errorf("loose object: %w", err)
	}
	defer zr.Close()
	hr := bufio.NewReaderSize(zr, 64)
	head, err := hr.ReadString(0)
	if err != nil {
		return 0, nil, 0, fmt.Errorf("loose object: bad header: %w", orErr(err, io.ErrUnexpectedEOF))
	}
	kind, sizeStr, ok := strings.Cut(strings.TrimSuffix(head, "\x00"), " ")
	typ, terr := plumbing.ParseObjectType(kind)
	size, serr := strconv.ParseInt(sizeStr, 10, 64)
	if !ok || terr != nil || serr != nil || size < 0 {
		return 0, nil, 0, fmt.Errorf("loose object: bad header %q", head)
	}
	if limit > 0 && size > limit {
		return typ, nil, size, errTooLarge
	}
	data, err := readExactly(hr, size)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return 0, nil, 0, fmt.Errorf("loose object: %w", err)
	}
	return typ, data, size, nil
}

// fallback reads h through go-git.
func (r *objectReader) fallback(h plumbing.Hash, limit int64) (plumbing.ObjectType, []byte, int64, error) {
	s := r.store
	s.mu.Lock()
	defer s.mu.Unlock()
	obj, err := s.repo.Storer.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return 0, nil, 0, err
	}
	if limit > 0 && obj.Size() > limit {
		return obj.Type(), nil, obj.Size(), errTooLarge
	}
	rd, err := obj.Reader()
	if err != nil {
		return 0, nil, 0, err
	}
	defer rd.Close()
	data, err := io.ReadAll(rd)
	if err != nil {
		return 0, nil, 0, err
	}
	return obj.Type(), data, int64(len(data)), nil
}

// commit reads and decodes commit h with go-git's decoder.
func (r *objectReader) commit(h plumbing.Hash) (*object.Commit, error) {
	typ, data, _, err := r.read(h, 0)
	if err != nil {
		return nil, err
	}
	if typ != plumbing.CommitObject {
		return nil, fmt.Errorf("object %s is a %s, not a commit", h, typ)
	}
	c := &object.Commit{}
	if err := c.Decode(&rawObject{h, typ, data}); err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	return c, nil
}

// rawObject is an object as go-git's decoders take it, with its hash known
// rather than computed again.
type rawObject struct {
	h    plumbing.Hash
	t    plumbing.ObjectType
	data []byte
}

func (o *rawObject) Hash() plumbing.Hash           { return o.h }
func (o *rawObject) Type() plumbing.ObjectType     { return o.t }
func (o *rawObject) SetType(t plumbing.ObjectType) { o.t = t }
func (o *rawObject) Size() int64                   { return int64(len(o.data)) }
func (o *rawObject) SetSize(int64)                 {}
func (o *rawObject) Reader() (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(o.data)), nil
}
func (o *rawObject) Writer() (io.WriteCloser, error) { return nil, errors.New("read-only object") }

var _ plumbing.EncodedObject = (*rawObject)(nil)

// tree reads and decodes tree h.
func (r *objectReader) tree(h plumbing.Hash) (*object.Tree, error) {
	typ, data, _, err := r.read(h, 0)
	if err != nil {
		return nil, err
	}
	if typ != plumbing.TreeObject {
		return nil, fmt.Errorf("object %s is a %s, not a tree", h, typ)
	}
	if r.names == nil {
		r.names = make(map[string]string)
	}
	return parseTree(h, data, r.names)
}

// maxInternedNames bounds the entry names that parseTree shares.
const maxInternedNames = 1 << 16

// parseTree decodes the entries of tree h: "<octal mode> <name>\0<hash>".
// Names already in names are shared (the same names recur in every
// version of a folder), and new ones added while it has room.
func parseTree(h plumbing.Hash, data []byte, names map[string]string) (*object.Tree, error) {
	t := &object.Tree{Hash: h, Entries: make([]object.TreeEntry, 0, len(data)/40+1)}
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp <= 0 || nul < sp || nul+21 > len(data) {
			return nil, fmt.Errorf("tree %s: malformed entry", h)
		}
		mode, ok := parseMode(data[:sp])
		if !ok {
			return nil, fmt.Errorf("tree %s: malformed mode %q", h, data[:sp])
		}
		name, ok := names[string(data[sp+1:nul])]
		if !ok {
			name = string(data[sp+1 : nul])
			if names != nil && len(names) < maxInternedNames {
				names[name] = name
			}
		}
		e := object.TreeEntry{Name: name, Mode: mode}
		copy(e.Hash[:], data[nul+1:nul+21])
		t.Entries = append(t.Entries, e)
		data = data[nul+21:]
	}
	return t, nil
}

// parseMode parses a tree entry's octal mode.
func parseMode(b []byte) (filemode.FileMode, bool) {
	var mode uint32
	for _, c := range b {
		if c < '0' || c > '7' || mode > 1<<24 {
			return 0, false
		}
		mode = mode<<3 | uint32(c-'0')
	}
	return filemode.FileMode(mode), len(b) > 0
}

// deltaTargetSize returns the size of the object a delta produces.
func deltaTargetSize(delta []byte) (int64, bool) {
	_, rest, ok := deltaVarint(delta)
	if !ok {
		return 0, false
	}
	n, _, ok := deltaVarint(rest)
	return int64(n), ok
}

func deltaVarint(b []byte) (uint64, []byte, bool) {
	var v uint64
	for i, shift := 0, 0; i < len(b) && shift < 64; i, shift = i+1, shift+7 {
		v |= uint64(b[i]&0x7f) << shift
		if b[i]&0x80 == 0 {
			return v, b[i+1:], true
		}
	}
	return 0, nil, false
}

var errBadDelta = errors.New("malformed delta")

// applyDelta returns the object that delta makes from base.
func applyDelta(base, delta []byte) ([]byte, error) {
	srcSize, delta, ok := deltaVarint(delta)
	if !ok || srcSize != uint64(len(base)) {
		return nil, errBadDelta
	}
	dstSize, delta, ok := deltaVarint(delta)
	if !ok {
		return nil, errBadDelta
	}
	// Room for what a delta usually makes, about its base; a corrupt size
	// costs only what the instructions really produce.
	out := make([]byte, 0, min(dstSize, uint64(2*len(base)+len(delta)+64)))
	for len(delta) > 0 {
		c := delta[0]
		delta = delta[1:]
		switch {
		case c&0x80 != 0: // copy from base
			var off, n uint64
			for i := range 7 {
				if c&(1<<i) == 0 {
					continue
				}
				if len(delta) == 0 {
					return nil, errBadDelta
				}
				if i < 4 {
					off |= uint64(delta[0]) << (8 * i)
				} else {
					n |= uint64(delta[0]) << (8 * (i - 4))
				}
				delta = delta[1:]
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > uint64(len(base)) || uint64(len(out))+n > dstSize {
				return nil, errBadDelta
			}
			out = append(out, base[off:off+n]...)
		case c != 0: // insert the next c bytes
			n := int(c)
			if n > len(delta) || uint64(len(out)+n) > dstSize {
				return nil, errBadDelta
			}
			out = append(out, delta[:n]...)
			delta = delta[n:]
		default:
			return nil, errBadDelta
		}
	}
	if uint64(len(out)) != dstSize {
		return nil, errBadDelta
	}
	return out, nil
}

// objectCache is an LRU cache of materialised pack objects, by pack and
// offset, within max bytes. Not safe for concurrent use.
type objectCache struct {
	max, size int
	m         map[cacheKey]*list.Element
	lru       list.List // of *cacheEntry, most recent first
}

type cacheKey struct {
	pack int
	off  int64
}

type cacheEntry struct {
	key  cacheKey
	typ  plumbing.ObjectType
	data []byte
}

func (c *objectCache) get(k cacheKey) (*cacheEntry, bool) {
	el, ok := c.m[k]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry), true
}

func (c *objectCache) put(k cacheKey, typ plumbing.ObjectType, data []byte) {
	if len(data) > c.max/4 {
		return
	}
	if c.m == nil {
		c.m = make(map[cacheKey]*list.Element)
	}
	if _, ok := c.m[k]; ok {
		return
	}
	c.m[k] = c.lru.PushFront(&cacheEntry{k, typ, data})
	c.size += len(data)
	for c.size > c.max {
		el := c.lru.Back()
		e := el.Value.(*cacheEntry)
		c.lru.Remove(el)
		delete(c.m, e.key)
		c.size -= len(e.data)
	}
}
