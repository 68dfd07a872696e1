package corpus

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestElementLexicon checks the embedded lexicon: it parses, every element
// is complete, and every Protocol element has a reference.
func TestElementLexicon(t *testing.T) {
	lx := DefaultLexicon()
	if len(lx.Elements) < 30 {
		t.Fatalf("lexique : %d éléments seulement", len(lx.Elements))
	}
	groups := map[string]bool{"act": true, "means": true, "purpose": true, "consent": true, "child": true, "smuggling": true}
	for _, e := range lx.Elements {
		if !groups[e.Group] {
			t.Errorf("%s : groupe %q inconnu", e.ID, e.Group)
		}
		if e.LabelEn == "" {
			t.Errorf("%s : label_en manquant", e.ID)
		}
		if !e.Extra && e.Ref == "" {
			t.Errorf("%s : élément du Protocole sans ref", e.ID)
		}
		if e.Extra && e.Ref != "" {
			t.Errorf("%s : élément hors Protocole avec ref %q", e.ID, e.Ref)
		}
	}
	if _, err := ParseLexicon([]byte("elements:\n  - id: x\n    family: autre\n    label: X\n    fr: [a]\n    en: [a]\n")); err == nil {
		t.Error("famille inconnue acceptée")
	}
	if _, err := ParseLexicon([]byte("elements:\n  - id: x\n    family: traite\n    label: X\n    fr: ['(']\n    en: [a]\n")); err == nil {
		t.Error("motif invalide accepté")
	}
	if _, err := ParseDefinitionSidecar([]byte("definitions:\n  d:\n    - {anchor: art-1, kind: autre}\n")); err == nil {
		t.Error("type de définition inconnu accepté")
	}
	DefaultDefinitionSidecar() // panics if the embedded file is broken
}

// TestElementPatternReading checks how a pattern is read: case, accents,
// elision, white space, word boundaries, excluding phrases, plurals.
func TestElementPatternReading(t *testing.T) {
	tests := []struct {
		text, lang string
		want       []string // "element=text"
	}{
		{"le RECRUTEMENT et l'hébergement", "fr", []string{"act-recruitment=RECRUTEMENT", "act-harbouring=hébergement"}},
		{"HEBERGEMENT, recrutements", "fr", []string{"act-harbouring=HEBERGEMENT", "act-recruitment=recrutements"}},
		{"prélèvement d’organes", "fr", []string{"purpose-organs=prélèvement d’organes"}},
		{"prelevement d'organes", "fr", []string{"purpose-organs=prelevement d'organes"}},
		{"abus d\u2019une situation\nde vulnérabilité", "fr", []string{"means-vulnerability=situation\nde vulnérabilité"}},
		{"une manoeuvre dolosive", "fr", []string{"means-deception=manoeuvre dolosive"}},
		{"transportation, transporteur", "fr", nil}, // no word boundary
		{"un moyen de transport", "fr", nil},        // excluded phrase
		{"l'État d'accueil", "fr", nil},             // excluded phrase
		{"giving or receiving of payments", "en", []string{"means-payments=giving or receiving of payments"}},
		{"the receipt of persons", "en", []string{"act-receipt=receipt"}},
		{"fraudulent", "en", nil},
		{"recrutement", "nl", nil}, // language not covered
	}
	for _, tt := range tests {
		var got []string
		for _, m := range TagElements(tt.text, tt.lang) {
			got = append(got, m.Element+"="+m.Text)
			if tt.text[m.Start:m.End] != m.Text {
				t.Errorf("%q : span %d:%d ≠ %q", tt.text, m.Start, m.End, m.Text)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("TagElements(%q, %s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

// expectedDefinitions is testdata/definitions/expected.json.
type expectedDefinitions struct {
	About      string `json:"about"`
	Provisions []struct {
		ID       string   `json:"id"`
		Source   string   `json:"source"`
		Kind     string   `json:"kind"`
		Elements []string `json:"elements"`
		Comment  string   `json:"comment"`
	} `json:"provisions"`
}

// TestDefinitionTable checks that the tagger reproduces exactly the
// hand-checked table of the elements of every definition of the corpus,
// and that the definition finder finds each of them with its kind.
func TestDefinitionTable(t *testing.T) {
	data, err := os.ReadFile("testdata/definitions/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var exp expectedDefinitions
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	rep := realCorpus(t)
	byID := map[string]*Document{}
	for _, d := range rep.Documents {
		byID[d.ID] = d
	}
	lx := DefaultLexicon()
	for _, c := range exp.Provisions {
		t.Run(c.ID, func(t *testing.T) {
			docID, anchor, _ := strings.Cut(c.ID, "/")
			d := byID[docID]
			if d == nil && c.Source != "" {
				for _, x := range rep.Documents {
					if x.Source == c.Source {
						d = x
					}
				}
			}
			if d == nil {
				if c.Source != "" {
					t.Skipf("document %s (%s) pas encore chargé par le corpus : cas ignoré", docID, c.Source)
				}
				t.Fatalf("pas de document %s", docID)
			}
			var p *Provision
			for i := range d.Provisions {
				if d.Provisions[i].Anchor == anchor {
					p = &d.Provisions[i]
				}
			}
			if p == nil {
				t.Fatalf("pas de disposition %s dans %s", anchor, d.ID)
			}
			lang := cmpOr(p.Language, d.Language)
			var got []string
			for _, m := range lx.Tag(p.Text, lang) {
				if e, _ := lx.Element(m.Element); e != nil && e.Family == c.Kind && !slices.Contains(got, m.Element) {
					got = append(got, m.Element)
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.Elements))
			if !slices.Equal(got, want) {
				var missing, extra []string
				for _, w := range want {
					if !slices.Contains(got, w) {
						missing = append(missing, w)
					}
				}
				for _, g := range got {
					if !slices.Contains(want, g) {
						extra = append(extra, g)
					}
				}
				t.Errorf("%s : éléments différents du tableau vérifié\n  manquants (-) : %v\n  en trop   (+) : %v", c.ID, missing, extra)
			}
			for _, id := range want {
				if _, ok := lx.Element(id); !ok {
					t.Errorf("élément inconnu du lexique dans expected.json : %s", id)
				}
			}
			var found *Definition
			for _, def := range FindDefinitions(d) {
				if def.Anchor == anchor {
					found = &def
				}
			}
			switch {
			case found == nil:
				t.Errorf("FindDefinitions(%s) ne trouve pas %s", d.ID, anchor)
			case found.Kind != c.Kind:
				t.Errorf("FindDefinitions : %s de type %s, attendu %s", c.ID, found.Kind, c.Kind)
			case !slices.Equal(slices.Sorted(slices.Values(ElementIDs(found.Matches))), want):
				t.Errorf("FindDefinitions : %s : éléments %v, attendu %v", c.ID, ElementIDs(found.Matches), want)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TestElementSpansOnRealCorpus checks, on every definition of the corpus and
// on every provision of the documents holding one, that each match's text
// is exactly the source span, on rune boundaries.
func TestElementSpansOnRealCorpus(t *testing.T) {
	rep := realCorpus(t)
	n := 0
	for _, d := range rep.Documents {
		defs := FindDefinitions(d)
		if len(defs) == 0 {
			continue
		}
		text := map[string]string{}
		for _, p := range d.Provisions {
			text[p.Anchor] = p.Text
			for _, m := range TagElements(p.Text, cmpOr(p.Language, d.Language)) {
				n++
				checkSpan(t, p.ID, p.Text, m)
			}
		}
		for _, def := range defs {
			for _, m := range def.Matches {
				checkSpan(t, def.ProvisionID, text[def.Anchor], m)
			}
		}
	}
	if n == 0 {
		t.Fatal("aucun élément trouvé dans le corpus")
	}
}

func checkSpan(t *testing.T, id, text string, m ElementMatch) {
	t.Helper()
	if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
		t.Errorf("%s : span %d:%d hors du texte (%d octets)", id, m.Start, m.End, len(text))
		return
	}
	if text[m.Start:m.End] != m.Text {
		t.Errorf("%s : %s : texte %q ≠ source %q", id, m.Element, m.Text, text[m.Start:m.End])
	}
	if !utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End])) {
		t.Errorf("%s : %s : span %d:%d coupe un caractère", id, m.Element, m.Start, m.End)
	}
}

// TestDefinitionFinderPrecision checks the finder on the whole corpus:
// every definition it finds is in the hand-checked table, so no glossary,
// list of offences or procedural article is taken for a definition.
func TestDefinitionFinderPrecision(t *testing.T) {
	data, err := os.ReadFile("testdata/definitions/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var exp expectedDefinitions
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, c := range exp.Provisions {
		known[c.ID] = true
	}
	rep := realCorpus(t)
	for _, d := range rep.Documents {
		for _, def := range FindDefinitions(d) {
			if !known[def.ProvisionID] {
				t.Errorf("définition hors du tableau vérifié : %s (%s, %v)", def.ProvisionID, def.Kind, ElementIDs(def.Matches))
			}
		}
	}
}

func BenchmarkTagElements(b *testing.B) {
	text := strings.Repeat("recrutement, transport ; hébergement. exploitation, menace, consentement : ", 200) // word list, not a legal text
	for b.Loop() {
		TagElements(text, "fr")
	}
}
