package rules

import (
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

func TestSmokeHidden(t *testing.T) {
	for _, tmpl := range []string{
		"x = '{{b64:bot}}'\n",
		"x = '{{b64raw:bot.legacy}}'\n",
		"x = '{{b64urlraw:bot}}'\n",
		"x = '{{hex:bot}}'\n",
		"x = '{{pct:bot}}'\n",
		"x = '{{pcturl:webhook}}'\n",
		"x = \"{{slash:webhook}}\"\n",
		"x = \"{{uesc:bot}}\"\n",
		"x = \"{{xesc:mfa}}\"\n",
		"x = \"{{html:bot}}\"\n",
		"x = \"{{htmlsol:webhook}}\"\n",
		"x = \"{{b64:b64:bot}}\"\n",
		"x = \"{{uesc:b64:bot}}\"\n",
		"x = \"{{rev:bot}}\"[::-1]\n",
		"x = \"{{bot@t[0:20]}}\" + \"{{@t[20:]}}\"\n",
		"x = \"{{bot@t.0}}\" + \".\" + \"{{@t.1}}\" + \".\" + \"{{@t.2}}\"\n",
		"x = (\"{{bot@t[0:40]}}\"\n     \"{{@t[40:]}}\")\n",
		"x = '{{bot@t[0:40]}}' . '{{@t[40:]}}';\n",
		"x = '{{bot@t[0:40]}}' .. '{{@t[40:]}}'\n",
		"x = ''.join(['{{bot@t[0:40]}}', '{{@t[40:]}}'])\n",
		"x = f\"{'{{bot@t[0:40]}}'}{'{{@t[40:]}}'}\"\n",
		"x = `${\"{{bot@t[0:40]}}\"}${\"{{@t[40:]}}\"}`\n",
		"x = \"{{mfa@t[0:40]}}\" + \"{{@t[40:]}}\"\n",
		"x = \"{{webhook@t[0:40]}}\" + \"{{@t[40:]}}\"\n",
	} {
		text, planted := testtoken.ExpandPlanted(testtoken.New(3), tmpl)
		got := NewMatcher(testNow).Find([]byte(text))
		ok := len(got) == len(planted)
		for i := range got {
			if i < len(planted) && got[i].Secret != planted[i].Secret {
				ok = false
			}
		}
		if !ok {
			t.Errorf("%s\n%s\n got %+v\nwant %+v", tmpl, text, got, planted)
		} else {
			t.Logf("%q: %v [%d,%d) %q", tmpl, got[0].Encoding, got[0].Start, got[0].End, text[got[0].Start:got[0].End])
		}
	}
}
