package report

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// resultsNeedle is how the indented encoding of a log shows a run's
// results left nil: the key at a run's depth (log, runs, run: six
// spaces), which nothing else in a log leakcord writes has.
const resultsNeedle = "\n      \"results\": null"

// encodeSARIF writes log, whose runs are those of runs in order, as
// indented JSON without HTML escaping, byte for byte as encoding the whole
// log with its results would, but holding only one result at a time: the
// log is encoded with each run's results left nil, and each run's results
// are made from its findings and encoded where its nil stands.
func encodeSARIF(w io.Writer, log *sarif.Report, runs []*streamedRun) error {
	for _, r := range runs {
		if len(r.findings) == 0 {
			r.run.Results = []*sarif.Result{}
		} else {
			r.run.Results = nil
		}
	}
	var skeleton bytes.Buffer
	enc := newEncoder(&skeleton)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var one bytes.Buffer
	item := newEncoder(&one)
	item.SetIndent("        ", "  ")
	rest := skeleton.Bytes()
	for n, r := range runs {
		if len(r.findings) == 0 {
			continue
		}
		i := bytes.Index(rest, []byte(resultsNeedle))
		if i < 0 {
			return fmt.Errorf("encoding SARIF: no place for the results of run %d", n)
		}
		bw.Write(rest[:i])
		bw.WriteString("\n      \"results\": [")
		for k := range r.findings {
			one.Reset()
			if err := item.Encode(r.result(&r.findings[k])); err != nil {
				return err
			}
			bw.WriteString("\n        ")
			if _, err := bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n"))); err != nil {
				return err // the writer failed: stop here
			}
			if k < len(r.findings)-1 {
				bw.WriteByte(',')
			}
		}
		bw.WriteString("\n      ]")
		rest = rest[i+len(resultsNeedle):]
	}
	bw.Write(rest)
	return bw.Flush()
}

// gzipMeter measures what is written to it: its size, and whether it is
// more than limit bytes once gzip-compressed as GitHub's upload compresses
// it (the default level). It compresses only until the limit is passed, so
// a huge report costs little more than the limit's worth of compression.
// Its Write never fails.
type gzipMeter struct {
	limit int64
	size  int64
	out   countWriter
	zw    *gzip.Writer
	done  bool
}

func newGzipMeter(limit int64) *gzipMeter {
	m := &gzipMeter{limit: limit}
	m.zw = gzip.NewWriter(&m.out)
	return m
}

func (m *gzipMeter) Write(p []byte) (int, error) {
	m.size += int64(len(p))
	if !m.done {
		m.zw.Write(p)
		m.done = m.out.n > m.limit
	}
	return len(p), nil
}

// over returns the size written, and whether its compressed size passed
// the limit.
func (m *gzipMeter) over() (int64, bool) {
	if !m.done {
		m.zw.Close()
		m.done = true
	}
	return m.size, m.out.n > m.limit
}

// countWriter counts the bytes written to it and drops them.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
