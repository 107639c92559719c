package corpus

import (
	"crypto/sha256"
	"encoding/hex"
)

// Plant rates for files beyond those that get a plant to cover every
// context: the share of scanned files that get a random real credential or
// look-alike of their format, and of ignored files that get a real one.
const (
	realRate    = 0.012
	fakeRate    = 0.03
	ignoredRate = 0.05
)

// schedulePlants decides which files carry which plants: every plant
// context at least once (in a random scanned file of its format), at least
// one real credential behind every ignore rule, then random extras. It
// returns the contexts that found no file of their format.
func (p *planner) schedulePlants() (uncovered []string) {
	scanned := map[*format][]*fileSpec{}
	ignored := map[string][]*fileSpec{}
	var reasons []string
	for _, f := range p.files {
		switch {
		case f.format == nil:
		case f.ignored == "":
			scanned[f.format] = append(scanned[f.format], f)
		default:
			if ignored[f.ignored] == nil {
				reasons = append(reasons, f.ignored)
			}
			ignored[f.ignored] = append(ignored[f.ignored], f)
		}
	}
	realOf, fakeOf := map[*format][]*plant{}, map[*format][]*plant{}
	for _, pl := range allPlants {
		if pl.real {
			realOf[pl.format] = append(realOf[pl.format], pl)
		} else {
			fakeOf[pl.format] = append(fakeOf[pl.format], pl)
		}
		files := scanned[pl.format]
		if len(files) == 0 {
			uncovered = append(uncovered, pl.name)
			continue
		}
		f := pick(p.r, files)
		f.plants = append(f.plants, pl)
	}
	for _, reason := range reasons {
		var candidates []*fileSpec
		for _, f := range ignored[reason] {
			if len(realOf[f.format]) > 0 {
				candidates = append(candidates, f)
			}
		}
		if len(candidates) > 0 {
			f := pick(p.r, candidates)
			f.plants = append(f.plants, pick(p.r, realOf[f.format]))
		}
	}
	for _, f := range p.files {
		if f.format == nil {
			continue
		}
		reals, fakes := realOf[f.format], fakeOf[f.format]
		if f.ignored != "" {
			if len(reals) > 0 && p.r.Float64() < ignoredRate {
				f.plants = append(f.plants, pick(p.r, reals))
			}
			continue
		}
		if len(reals) > 0 && p.r.Float64() < realRate {
			f.plants = append(f.plants, pick(p.r, reals))
		}
		if len(fakes) > 0 && p.r.Float64() < fakeRate {
			f.plants = append(f.plants, pick(p.r, fakes))
		}
	}
	return uncovered
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
