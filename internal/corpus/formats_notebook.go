package corpus

import (
	"bytes"
	"strconv"
)

// Jupyter notebooks (nbformat 4): code and markdown cells whose source is a
// JSON array of escaped lines, stream outputs, and plots as base64 PNGs.
// Plants are whole cells written as JSON.

var fmtNotebook = &format{name: "notebook", render: renderNotebook}

const notebookFooter = `
 ],
 "metadata": {
  "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
  "language_info": {"name": "python", "version": "3.11.6"}
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`

func renderNotebook(g *gen, size int, plants []string) {
	g.buf = append(g.buf, "{\n \"cells\": [\n"...)
	at := plantOffsets(g, len(g.buf), size, len(plants))
	var scratch []byte
	for n := 0; len(g.buf) < size || len(plants) > 0; n++ {
		if n > 0 {
			g.buf = append(g.buf, ",\n"...)
		}
		if len(plants) > 0 && (at[0] <= len(g.buf) || len(g.buf) >= size) {
			g.buf = append(g.buf, plants[0]...)
			plants, at = plants[1:], at[1:]
			continue
		}
		// Render the cell's source at the end of buf, then move it out.
		mark := len(g.buf)
		code := g.r.IntN(3) > 0
		if code {
			g.pick(fmtPython.blocks)
		} else {
			g.pick(fmtMarkdown.blocks)
		}
		scratch = append(scratch[:0], bytes.TrimRight(g.buf[mark:], "\n")...)
		g.buf = g.buf[:mark]
		g.buf = append(g.buf, "  {\n   \"cell_type\": \""...)
		if code {
			g.buf = append(g.buf, "code\",\n   \"execution_count\": "...)
			g.buf = strconv.AppendInt(g.buf, int64(n+1), 10)
			g.buf = append(g.buf, ",\n"...)
		} else {
			g.buf = append(g.buf, "markdown\",\n"...)
		}
		g.buf = append(g.buf, "   \"id\": \""...)
		g.randChars(8, hexDigits)
		g.buf = append(g.buf, "\",\n   \"metadata\": {},\n"...)
		if code {
			g.notebookOutputs()
		}
		g.buf = append(g.buf, "   \"source\": [\n"...)
		for i, line := range bytes.SplitAfter(scratch, []byte("\n")) {
			if i > 0 {
				g.buf = append(g.buf, ",\n"...)
			}
			g.buf = append(g.buf, "    \""...)
			g.buf = appendJSONEscaped(g.buf, line)
			g.buf = append(g.buf, '"')
		}
		g.buf = append(g.buf, "\n   ]\n  }"...)
	}
	g.buf = append(g.buf, notebookFooter...)
}

func (g *gen) notebookOutputs() {
	switch g.r.IntN(4) {
	case 0:
		g.buf = append(g.buf, "   \"outputs\": [],\n"...)
	case 1, 2:
		g.buf = append(g.buf, "   \"outputs\": [\n    {\"name\": \"stdout\", \"output_type\": \"stream\", \"text\": [\""...)
		g.phrase(6, true)
		g.buf = append(g.buf, `\n", "`...)
		g.phrase(4, false)
		g.buf = append(g.buf, "\\n\"]}\n   ],\n"...)
	default:
		g.buf = append(g.buf, "   \"outputs\": [\n    {\"data\": {\"image/png\": \""...)
		g.randChars(2048+g.r.IntN(16384), stdB64)
		g.buf = append(g.buf, `\n", "text/plain": ["<Figure size 640x480 with 1 Axes>"]}, "metadata": {}, "output_type": "display_data"}`+"\n   ],\n"...)
	}
}

// appendJSONEscaped appends s escaped for a JSON string.
func appendJSONEscaped(dst, s []byte) []byte {
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
