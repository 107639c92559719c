package rules

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// The benchmark corpus: generated source text in several languages, with
// the things that make a Discord matcher work (dots in method calls,
// versions and floats, base64 blobs, hex digests, JWTs, URLs, the words
// "secret", "discord", "webhooks" and "mfa") and a sprinkle of planted
// credentials, about one per 64 KiB.

var corpusWords = strings.Fields(`client token user config value data item list index count name
	message channel guild webhook request response error result context handler server options
	session secret discord bot intents embed author content payload status retry timeout buffer
	reader writer parse format render update delete create fetch send login logout cache store`)

type corpusGen struct {
	r *rand.Rand
	b strings.Builder
}

func (g *corpusGen) word() string { return corpusWords[g.r.IntN(len(corpusWords))] }

func (g *corpusGen) ident() string {
	w := g.word()
	if g.r.IntN(2) == 0 {
		w += strings.ToUpper(g.word()[:1]) + g.word()[1:]
	}
	return w
}

func (g *corpusGen) chain() string {
	parts := []string{g.ident()}
	for n := g.r.IntN(4); n >= 0; n-- {
		parts = append(parts, g.ident())
	}
	return strings.Join(parts, ".")
}

// literal returns a string literal body of a random, realistic kind.
func (g *corpusGen) literal() string {
	switch g.r.IntN(14) {
	case 0:
		return fmt.Sprintf("https://example.com/%s/%s?id=%d", g.word(), g.word(), g.r.IntN(1e6))
	case 1:
		return fmt.Sprintf("v%d.%d.%d", g.r.IntN(9), g.r.IntN(30), g.r.IntN(99))
	case 2:
		return testtoken.RandomB64(g.r, 20+g.r.IntN(80))
	case 3:
		return fmt.Sprintf("%016x%016x", g.r.Uint64(), g.r.Uint64())
	case 4:
		return testtoken.JWT(g.r)
	case 5:
		return fmt.Sprintf("%d", g.r.Uint64N(1<<60))
	case 6:
		return fmt.Sprintf("https://discord.com/api/v10/channels/%d/messages", g.r.Uint64N(1<<60))
	case 7:
		return fmt.Sprintf("%d.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), g.r.IntN(256), g.r.IntN(256))
	case 8:
		return "mfa." + g.word() + ".example.local"
	default:
		return g.word() + " " + g.word() + " " + g.ident()
	}
}

func (g *corpusGen) goLine() {
	switch g.r.IntN(8) {
	case 0:
		fmt.Fprintf(&g.b, "\t%s := %s(%q, %d)\n", g.ident(), g.chain(), g.literal(), g.r.IntN(1000))
	case 1:
		fmt.Fprintf(&g.b, "\tif err := %s(ctx); err != nil {\n\t\treturn fmt.Errorf(\"%s: %%w\", err)\n\t}\n", g.chain(), g.word())
	case 2:
		fmt.Fprintf(&g.b, "\t// %s %s the %s before %s.\n", g.ident(), g.word(), g.word(), g.chain())
	case 3:
		fmt.Fprintf(&g.b, "\t%s `json:\"%s,omitempty\"`\n", g.ident(), g.word())
	case 4:
		fmt.Fprintf(&g.b, "\tclientSecret := os.Getenv(%q)\n", strings.ToUpper(g.word())+"_SECRET")
	default:
		fmt.Fprintf(&g.b, "\t%s.%s = %s.%s(%f)\n", g.ident(), g.ident(), g.chain(), g.ident(), g.r.Float64()*100)
	}
}

func (g *corpusGen) pyLine() {
	switch g.r.IntN(7) {
	case 0:
		fmt.Fprintf(&g.b, "    %s = %s(%q)\n", g.ident(), g.chain(), g.literal())
	case 1:
		fmt.Fprintf(&g.b, "    # %s %s %s\n", g.word(), g.word(), g.chain())
	case 2:
		fmt.Fprintf(&g.b, "def %s(self, %s, %s=None):\n", g.ident(), g.word(), g.word())
	case 3:
		fmt.Fprintf(&g.b, "    await %s.send(f\"{%s.%s} %s\")\n", g.word(), g.word(), g.word(), g.literal())
	default:
		fmt.Fprintf(&g.b, "    %s[%q] = %s.%s(%d)\n", g.word(), g.word(), g.chain(), g.ident(), g.r.IntN(99))
	}
}

func (g *corpusGen) jsLine() {
	switch g.r.IntN(6) {
	case 0:
		fmt.Fprintf(&g.b, "const %s = require('%s');\n", g.ident(), g.word())
	case 1:
		fmt.Fprintf(&g.b, "  %s.%s('%s', async (%s) => { await %s(%s); });\n", g.word(), g.ident(), g.word(), g.word(), g.chain(), g.word())
	default:
		fmt.Fprintf(&g.b, "  %s: %q,\n", g.ident(), g.literal())
	}
}

func (g *corpusGen) minJSLine() {
	fmt.Fprintf(&g.b, "%s.%s(%q,function(e,t){return e.%s(t)||%d});var %c=%s;",
		g.chain(), g.ident(), g.literal(), g.chain(), g.r.IntN(1e4), 'a'+rune(g.r.IntN(26)), g.chain())
}

func (g *corpusGen) jsonLine() {
	fmt.Fprintf(&g.b, "  {\"%s\": %q, \"%s\": %d, \"%s\": %q},\n", g.word(), g.literal(), g.word(), g.r.IntN(1e9), g.word(), g.literal())
}

func (g *corpusGen) yamlLine() {
	fmt.Fprintf(&g.b, "%s%s: %s\n", strings.Repeat("  ", g.r.IntN(4)), g.ident(), g.literal())
}

func (g *corpusGen) mdLine() {
	fmt.Fprintf(&g.b, "The %s `%s` %s the %s (see [%s](%s)). ", g.word(), g.chain(), g.word(), g.word(), g.word(), g.literal())
	if g.r.IntN(4) == 0 {
		g.b.WriteString("\n\n")
	}
}

// plantKinds are the credentials sprinkled into the corpus.
var plantKinds = []string{"bot", "bot.legacy", "mfa", "webhook", "secret"}

func (g *corpusGen) plant() {
	switch k := plantKinds[g.r.IntN(len(plantKinds))]; k {
	case "secret":
		text, _ := testtoken.Expand(g.r, "DISCORD_CLIENT_SECRET = \"{{secret}}\"\n")
		g.b.WriteString(text)
	default:
		text, _ := testtoken.Expand(g.r, "token = \"{{"+k+"}}\"\n")
		g.b.WriteString(text)
	}
}

// corpusLangs are the corpus flavours, each a line generator.
var corpusLangs = []struct {
	name string
	line func(*corpusGen)
}{
	{"go", (*corpusGen).goLine},
	{"python", (*corpusGen).pyLine},
	{"js", (*corpusGen).jsLine},
	{"js-min", (*corpusGen).minJSLine},
	{"json", (*corpusGen).jsonLine},
	{"yaml", (*corpusGen).yamlLine},
	{"markdown", (*corpusGen).mdLine},
}

// makeCorpus returns about size bytes of generated text in language lang
// ("mixed" interleaves all of them).
func makeCorpus(seed uint64, lang string, size int) []byte {
	g := &corpusGen{r: testtoken.New(seed)}
	g.b.Grow(size + 4096)
	next := 0
	for g.b.Len() < size {
		if g.b.Len() >= next {
			g.plant()
			next += 32<<10 + g.r.IntN(64<<10)
		}
		for _, l := range corpusLangs {
			if l.name == lang || lang == "mixed" && g.r.IntN(len(corpusLangs)) == 0 {
				l.line(g)
			}
		}
	}
	return []byte(g.b.String())
}
