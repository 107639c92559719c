package scanner

import (
	"bytes"
	"io"
	"testing"
)

// growingFile is a file that is appended to while it is read: each Read
// returns at most chunk bytes of what is there and then the file grows by
// grow bytes, until it reaches size bytes (size < 0: it never stops).
type growingFile struct {
	data        []byte // what the file holds now
	off         int
	chunk, grow int
	size        int
}

func (g *growingFile) Read(p []byte) (int, error) {
	if g.off == len(g.data) {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), g.chunk)], g.data[g.off:])
	g.off += n
	for range g.grow {
		if g.size >= 0 && len(g.data) >= g.size {
			break
		}
		g.data = append(g.data, byte('a'+len(g.data)%26))
	}
	return n, nil
}

// readAll reads a file that grows while it is read up to what is there
// when it catches up (never more than the limit plus one read); a file
// that grows for ever does not keep it reading: it stops past the limit,
// so that the caller skips the file as too large.
func TestReadAllGrowingFile(t *testing.T) {
	for _, tc := range []struct {
		name               string
		start, grow, size  int
		limit              int64
		wantAll, wantLarge bool
	}{
		{"grows, then stops under the limit", 1000, 700, 300 << 10, 1 << 20, true, false},
		{"grows past the limit, then stops", 1000, 700, 3 << 20, 1 << 20, false, true},
		{"grows for ever", 1000, 4096, -1, 1 << 20, false, true},
		{"grows for ever, slower than it is read", 1000, 100, -1, 1 << 20, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &growingFile{data: bytes.Repeat([]byte("x"), tc.start), chunk: 4096, grow: tc.grow, size: tc.size}
			got, err := readAll(f, make([]byte, 0, tc.start+512), tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if large := int64(len(got)) > tc.limit; large != tc.wantLarge {
				t.Errorf("read %d bytes (limit %d): too large %v, want %v", len(got), tc.limit, large, tc.wantLarge)
			}
			if int64(len(got)) > tc.limit+int64(f.chunk) {
				t.Errorf("read %d bytes: more than the limit %d and one read", len(got), tc.limit)
			}
			if !bytes.Equal(got, f.data[:len(got)]) {
				t.Error("the bytes read are not the file's")
			}
			if tc.wantAll && len(got) != len(f.data) {
				t.Errorf("read %d of the %d bytes the file ended with", len(got), len(f.data))
			}
		})
	}
}
