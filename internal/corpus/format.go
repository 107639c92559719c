package corpus

import "bytes"

// format is one kind of file: how its filler looks and where plants go.
type format struct {
	name string
	// header starts a file (one picked at random), blocks fill it, footer
	// ends it; sep goes between blocks and plants (not after the header).
	header []tmpl
	blocks []tmpl
	sep    string
	footer string
	// crlf converts line ends to CRLF after rendering.
	crlf bool
	// render replaces the block renderer for formats with their own
	// structure (notebooks, bundles, binary files).
	render func(g *gen, size int, plants []string)
}

// write renders a file of about size bytes into g.buf with plants (already
// expanded snippets) at random places between blocks.
func (f *format) write(g *gen, size int, plants []string) {
	g.buf = g.buf[:0]
	if f.render != nil {
		f.render(g, size, plants)
	} else {
		f.writeBlocks(g, size, plants)
	}
	if f.crlf {
		g.buf = bytes.ReplaceAll(g.buf, []byte("\n"), []byte("\r\n"))
	}
}

func (f *format) writeBlocks(g *gen, size int, plants []string) {
	if len(f.header) > 0 {
		g.pick(f.header)
	}
	at := plantOffsets(g, len(g.buf), size, len(plants))
	first := true
	next := func() {
		if !first {
			g.buf = append(g.buf, f.sep...)
		}
		first = false
	}
	for len(g.buf) < size || len(plants) > 0 {
		if len(plants) > 0 && (at[0] <= len(g.buf) || len(g.buf) >= size) {
			next()
			g.buf = append(g.buf, plants[0]...)
			plants, at = plants[1:], at[1:]
			continue
		}
		next()
		g.pick(f.blocks)
	}
	g.buf = append(g.buf, f.footer...)
}

// plantOffsets returns n sorted offsets in [from, to) where plants go.
func plantOffsets(g *gen, from, to, n int) []int {
	at := make([]int, n)
	for i := range at {
		at[i] = from + g.r.IntN(max(to-from, 1))
	}
	for i := 1; i < n; i++ { // insertion sort: n is tiny
		for k := i; k > 0 && at[k] < at[k-1]; k-- {
			at[k], at[k-1] = at[k-1], at[k]
		}
	}
	return at
}
