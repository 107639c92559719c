package report

import (
	"github.com/fatih/color"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// palette holds the colours of the text format. Each colour is its own
// object with colour switched on or off explicitly, so the output depends
// only on [Options.Color], never on fatih/color's global NoColor or on the
// environment.
type palette struct {
	file, rule, detail *color.Color
	critical, high     *color.Color
	medium, low        *color.Color
	live, invalid      *color.Color
	unknown            *color.Color
	found, clean, warn *color.Color
	advice             *color.Color
}

// newPalette returns the text colours, all of them disabled unless on.
func newPalette(on bool) *palette {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return &palette{
		file:     mk(color.Bold),
		rule:     mk(color.FgCyan),
		detail:   mk(color.Faint),
		critical: mk(color.FgMagenta, color.Bold),
		high:     mk(color.FgRed, color.Bold),
		medium:   mk(color.FgYellow),
		low:      mk(color.FgBlue),
		live:     mk(color.FgRed, color.Bold),
		invalid:  mk(color.FgGreen),
		unknown:  mk(color.FgYellow),
		found:    mk(color.FgRed, color.Bold),
		clean:    mk(color.FgGreen),
		warn:     mk(color.FgYellow),
		advice:   mk(color.FgYellow),
	}
}

// severity returns the colour of a severity.
func (p *palette) severity(s rules.Severity) *color.Color {
	switch s {
	case rules.Critical:
		return p.critical
	case rules.High:
		return p.high
	case rules.Medium:
		return p.medium
	case rules.Low:
		return p.low
	}
	return p.detail
}

// status returns the colour of a verification status.
func (p *palette) status(s string) *color.Color {
	switch s {
	case scanner.StatusLive:
		return p.live
	case scanner.StatusInvalid:
		return p.invalid
	}
	return p.unknown
}
