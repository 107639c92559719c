package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// Filler templates are ordinary text with slots written «name»; a slot is
// replaced by a fresh random value each time the template is rendered:
//
//	«id»   snake_case identifier     «cid»  camelCase identifier
//	«Id»   PascalCase identifier     «ID»   UPPER_SNAKE identifier
//	«w»    one word                  «s»    a short phrase (lower case)
//	«S»    a short sentence          «n»    a small number
//	«hex»  40 hex digits (a commit)  «h64»  64 hex digits (a digest)
//	«b64»  44 base64 characters      «sf»   a Discord snowflake ID
//	«ver»  a version (1.12.3)        «date» an RFC 3339 time
//	«url»  an https URL on a non-Discord host
//
// A "ˋ" (U+02CB) stands for a backtick, which Go raw strings cannot hold.
// Filler never contains a credential of any kind, nor a 32-character
// value next to a secret key.
type tmpl []part

type part struct {
	lit  string
	slot slot
}

type slot uint8

const (
	slotLit slot = iota
	slotSnake
	slotCamel
	slotPascal
	slotUpper
	slotWord
	slotPhrase
	slotSentence
	slotNum
	slotHex
	slotHex64
	slotB64
	slotSnowflake
	slotVersion
	slotDate
	slotURL
)

var slotNames = map[string]slot{
	"id": slotSnake, "cid": slotCamel, "Id": slotPascal, "ID": slotUpper,
	"w": slotWord, "s": slotPhrase, "S": slotSentence, "n": slotNum,
	"hex": slotHex, "h64": slotHex64, "b64": slotB64, "sf": slotSnowflake,
	"ver": slotVersion, "date": slotDate, "url": slotURL,
}

// parse compiles a filler template. It panics on an unknown slot, so that a
// typo fails every test.
func parse(s string) tmpl {
	s = strings.ReplaceAll(s, "ˋ", "`")
	var t tmpl
	for {
		i := strings.Index(s, "«")
		if i < 0 {
			if s != "" {
				t = append(t, part{lit: s})
			}
			return t
		}
		j := strings.Index(s[i:], "»")
		if j < 0 {
			panic("corpus: unclosed « in template")
		}
		name := s[i+len("«") : i+j]
		sl, ok := slotNames[name]
		if !ok {
			panic("corpus: unknown slot «" + name + "»")
		}
		if i > 0 {
			t = append(t, part{lit: s[:i]})
		}
		t = append(t, part{slot: sl})
		s = s[i+j+len("»"):]
	}
}

func parseAll(ss ...string) []tmpl {
	out := make([]tmpl, len(ss))
	for i, s := range ss {
		out[i] = parse(s)
	}
	return out
}

// words are the vocabulary of identifiers, comments and prose.
var words = strings.Fields(`
	user guild channel message config cache event handler session request response client
	server queue worker payload member role permission command embed reaction thread status
	result error logger metrics store record item order invoice account profile settings schema
	model view route query index batch job task timer retry limit offset page count total value
	name title body content data state context options params args buffer stream file path host
	port timeout interval version build release deploy image asset bundle module package plugin
	service provider factory manager controller repository adapter parser encoder decoder
	validator scheduler dispatcher listener emitter watcher notifier reporter tracker counter
	gauge span trace audit policy rule filter mapper reducer selector action effect component
	layout theme style icon avatar emoji sticker voice presence activity intent shard gateway
	heartbeat latency backoff ticket ban kick mute warn level xp reward quest inventory shop
	price currency balance wallet vote poll giveaway reminder schedule calendar birthday welcome
	greeting rank leaderboard stats music track playlist volume lyrics search history archive
	backup export import report summary digest feed post comment like share follow notify alert
	incident monitor health probe ready alive migration seed fixture mock stub spec suite case
	node edge graph tree list map set pair tuple chunk slice window frame packet header footer
	cursor token_bucket rate quota usage plan tier feature flag toggle experiment variant cohort
`)

var prose = strings.Fields(`
	the a an this that each every when if then so and or but not with without from into over
	under after before while until returns handles checks builds loads stores sends reads writes
	keeps drops skips retries waits updates creates removes validates parses formats renders
	should must may can will only also again first last next previous current default new old
	small large fast slow safe simple
`)

// gen renders filler into buf with its own random source.
type gen struct {
	r   *rand.Rand
	buf []byte
}

func (g *gen) word() string { return words[g.r.IntN(len(words))] }

func (g *gen) ident(sep byte, upperFirst, upperAll bool) {
	n := 1 + g.r.IntN(2)
	for i := range n {
		w := g.word()
		if i > 0 && sep != 0 {
			g.buf = append(g.buf, sep)
		}
		for k := 0; k < len(w); k++ {
			c := w[k]
			if c == '_' {
				if sep == '_' {
					g.buf = append(g.buf, c)
				}
				continue
			}
			if upperAll || (k == 0 && (upperFirst || (i > 0 && sep == 0))) {
				c -= 'a' - 'A'
			}
			g.buf = append(g.buf, c)
		}
	}
}

func (g *gen) phrase(n int, capital bool) {
	for i := range n {
		if i > 0 {
			g.buf = append(g.buf, ' ')
		}
		var w string
		if i%2 == 1 {
			w = prose[g.r.IntN(len(prose))]
		} else {
			w = g.word()
		}
		start := len(g.buf)
		g.buf = append(g.buf, w...)
		if i == 0 && capital {
			g.buf[start] -= 'a' - 'A'
		}
	}
}

const (
	hexDigits = "0123456789abcdef"
	stdB64    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
)

// randChars appends n characters of alphabet (of 16 or 64 characters).
func (g *gen) randChars(n int, alphabet string) {
	bits := 4
	if len(alphabet) == 64 {
		bits = 6
	}
	mask := uint64(1)<<bits - 1
	for n > 0 {
		v := g.r.Uint64()
		for k := 0; k+bits <= 64 && n > 0; k += bits {
			g.buf = append(g.buf, alphabet[v>>k&mask])
			n--
		}
	}
}

var snowflakeFrom = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)

func (g *gen) snowflake() {
	t := snowflakeFrom.Add(time.Duration(g.r.Int64N(int64(7 * 365 * 24 * time.Hour))))
	g.buf = strconv.AppendUint(g.buf, testtoken.Snowflake(g.r, t), 10)
}

var hosts = []string{"api.example.com", "example.org", "cdn.jsdelivr.net", "registry.npmjs.org", "pypi.org", "github.com", "docs.rs", "pkg.go.dev"}

func (g *gen) render(t tmpl) {
	for _, p := range t {
		switch p.slot {
		case slotLit:
			g.buf = append(g.buf, p.lit...)
		case slotSnake:
			g.ident('_', false, false)
		case slotCamel:
			g.ident(0, false, false)
		case slotPascal:
			g.ident(0, true, false)
		case slotUpper:
			g.ident('_', false, true)
		case slotWord:
			g.buf = append(g.buf, g.word()...)
		case slotPhrase:
			g.phrase(2+g.r.IntN(5), false)
		case slotSentence:
			g.phrase(4+g.r.IntN(8), true)
		case slotNum:
			g.buf = strconv.AppendInt(g.buf, int64(g.r.IntN(5000)), 10)
		case slotHex:
			g.randChars(40, hexDigits)
		case slotHex64:
			g.randChars(64, hexDigits)
		case slotB64:
			g.randChars(43, stdB64)
			g.buf = append(g.buf, '=')
		case slotSnowflake:
			g.snowflake()
		case slotVersion:
			g.buf = strconv.AppendInt(g.buf, int64(g.r.IntN(5)), 10)
			g.buf = append(g.buf, '.')
			g.buf = strconv.AppendInt(g.buf, int64(g.r.IntN(30)), 10)
			g.buf = append(g.buf, '.')
			g.buf = strconv.AppendInt(g.buf, int64(g.r.IntN(20)), 10)
		case slotDate:
			t := snowflakeFrom.Add(time.Duration(g.r.Int64N(int64(8 * 365 * 24 * time.Hour))))
			g.buf = t.AppendFormat(g.buf, time.RFC3339)
		case slotURL:
			g.buf = append(g.buf, "https://"...)
			g.buf = append(g.buf, hosts[g.r.IntN(len(hosts))]...)
			g.buf = append(g.buf, '/')
			g.buf = append(g.buf, g.word()...)
			g.buf = append(g.buf, '/')
			g.buf = append(g.buf, g.word()...)
		}
	}
}

// pick renders one of ts at random.
func (g *gen) pick(ts []tmpl) { g.render(ts[g.r.IntN(len(ts))]) }
