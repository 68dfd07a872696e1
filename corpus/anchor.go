package corpus

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Anchor returns the provision anchor for an article number as written,
// following DESIGN.md: "art-" + the number lowercased, spaces and dots to
// "-", "premier" and "1er" to "1". Accents are dropped and any other
// character outside [a-z0-9-] removed; repeated dashes collapse.
//
//	Anchor("225-4-1")  == "art-225-4-1"
//	Anchor("224-1 A")  == "art-224-1-a"
//	Anchor("premier")  == "art-1"
//	Anchor("279.01")   == "art-279-01"
func Anchor(number string) string {
	return "art-" + Slug(NormalizeNumber(number))
}

// NormalizeNumber returns the normalised form of an article number:
// lowercase, single spaces, "premier"/"1er"/"1 er" → "1".
func NormalizeNumber(number string) string {
	n := strings.ToLower(strings.Join(strings.Fields(number), " "))
	n = strings.TrimRight(n, " .:-")
	switch {
	case n == "premier" || n == "1er" || n == "1 er" || n == "1st":
		return "1"
	case strings.HasPrefix(n, "premier "):
		return "1 " + n[len("premier "):]
	case strings.HasPrefix(n, "1er "):
		return "1 " + n[len("1er "):]
	}
	return n
}

// Slug lowercases s, folds accents and keeps [a-z0-9-], turning spaces, dots,
// slashes and other separators into single dashes. It is used for anchors
// and document ids.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped
		case r == 'œ':
			b.WriteString("oe")
			dash = false
		case r == 'æ':
			b.WriteString("ae")
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// annexAnchor gives the anchor of an annex, schedule or form heading met
// by annexHead: "formule-5", "annexe", "annexe-2" (Annexe II),
// "annexe-partie-xx-1" (Annexe de la partie XX.1), "annexe-a".
func annexAnchor(kind, number, divWord, divNumber string) string {
	if kind == ProvisionFormule {
		return "formule-" + Slug(number)
	}
	a := "annexe"
	if number != "" {
		n := number
		if v := romanValue(n); v > 0 && reRoman.MatchString(n) && len(n) > 1 || n == "I" || n == "V" || n == "X" {
			n = strconv.Itoa(romanValue(n))
		}
		a += "-" + Slug(n)
	}
	if divWord != "" {
		w := map[string]string{"part": "partie", "title": "titre", "chapitre": "chap", "chapter": "chap",
			"article": "art", "section": "sec"}[strings.ToLower(divWord)]
		if w == "" {
			w = strings.ToLower(divWord)
		}
		a += "-" + Slug(w+" "+divNumber)
	}
	return a
}
