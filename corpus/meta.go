package corpus

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Meta is the metadata a YAML sidecar or overlay file gives for one unit of
// the corpus (a file, or a folder read as one document). Every field is
// optional; a set field overrides what was inferred from the text and the
// folder (DESIGN.md, "Metadata and trust").
//
// A sidecar sits beside the user's file as NAME.meta.yaml (for a folder
// FOLDER.meta.yaml beside the folder); an overlay folder mirrors the corpus
// paths: the overlay file for REL is OVERLAY/REL.meta.yaml.
type Meta struct {
	ID           string   `yaml:"id"`
	WorkID       string   `yaml:"work_id"`
	FRBRURI      string   `yaml:"frbr_uri"`
	Title        string   `yaml:"title"`
	ShortTitles  []string `yaml:"short_titles"`
	Kind         string   `yaml:"kind"`
	Jurisdiction string   `yaml:"jurisdiction"`
	Language     string   `yaml:"language"`
	Date         string   `yaml:"date"`
	Number       string   `yaml:"number"`
	Authority    string   `yaml:"authority"`
	Notes        []string `yaml:"notes"`
	// Languages overrides per language for a file holding several language
	// versions (the -en-nl/-fr-nl treaty files), keyed by ISO 639-1 code.
	Languages map[string]*Meta `yaml:"languages"`
	// Skip, when set, excludes the unit from the index with this reason.
	Skip string `yaml:"skip"`
}

//go:embed overlay
var overlayFS embed.FS

// DefaultOverlay is the overlay shipped with lextraite for ../shared/corpus,
// with the facts SOURCES.md states (authority, completeness, consolidation
// date, numbering since changed). Paths inside mirror the corpus paths.
func DefaultOverlay() fs.FS {
	sub, err := fs.Sub(overlayFS, "overlay")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}

// readMeta parses a YAML metadata file. A missing file returns nil, nil.
func readMeta(fsys fs.FS, name string) (*Meta, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Meta
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("métadonnées %s : YAML invalide : %w", name, err)
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("métadonnées %s : %w", name, err)
	}
	return &m, nil
}

// validate checks codes against the Contracts of DESIGN.md.
func (m *Meta) validate() error {
	if m.ID != "" && Slug(m.ID) != m.ID {
		return fmt.Errorf("id %q : seuls a-z, 0-9 et - sont permis", m.ID)
	}
	if m.Kind != "" && !validKind(m.Kind) {
		return fmt.Errorf("kind %q inconnu (attendu : %s)", m.Kind, strings.Join(Kinds, ", "))
	}
	if m.Jurisdiction != "" && !ValidJurisdiction(m.Jurisdiction) {
		return fmt.Errorf("jurisdiction %q : code pays ISO 3166-1 en minuscules (ml, ne, sn…) ou un, au, ecowas, coe, ilo, int", m.Jurisdiction)
	}
	if m.Language != "" && !ValidLanguage(m.Language) {
		return fmt.Errorf("language %q : code ISO 639-1 (fr, en, nl, de, it…)", m.Language)
	}
	if m.Date != "" && !validDate(m.Date) {
		return fmt.Errorf("date %q : attendu AAAA-MM-JJ (ou AAAA-MM, AAAA)", m.Date)
	}
	if m.Authority != "" && m.Authority != AuthorityOfficiel && m.Authority != AuthorityTranscription {
		return fmt.Errorf("authority %q : attendu officiel ou transcription", m.Authority)
	}
	for lang, sub := range m.Languages {
		if sub == nil {
			continue
		}
		if err := sub.validate(); err != nil {
			return fmt.Errorf("languages.%s : %w", lang, err)
		}
	}
	return nil
}

var (
	reJurisdictionCode = regexp.MustCompile(`^[a-z]{2,10}$`)
	reLanguageCode     = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// ValidJurisdiction reports whether code has the shape of a jurisdiction
// code of DESIGN.md: ISO 3166-1 alpha-2 in lowercase ("ml") or an
// organisation ("un", "ecowas"): 2 to 10 lowercase letters.
func ValidJurisdiction(code string) bool { return reJurisdictionCode.MatchString(code) }

// ValidLanguage reports whether code has the shape of an ISO 639 language
// code: 2 or 3 lowercase letters.
func ValidLanguage(code string) bool { return reLanguageCode.MatchString(code) }

// validDate accepts an ISO 8601 calendar date "YYYY-MM-DD", "YYYY-MM" or
// "YYYY" that exists.
func validDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

func validKind(k string) bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// apply copies the set fields of m onto d.
func (m *Meta) apply(d *Document) {
	if m == nil {
		return
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&d.ID, m.ID)
	set(&d.WorkID, m.WorkID)
	set(&d.FRBRURI, m.FRBRURI)
	set(&d.Title, m.Title)
	set(&d.Kind, m.Kind)
	set(&d.Jurisdiction, m.Jurisdiction)
	set(&d.Language, m.Language)
	set(&d.Date, m.Date)
	set(&d.Number, m.Number)
	set(&d.Authority, m.Authority)
	if len(m.ShortTitles) > 0 {
		d.ShortTitles = append([]string(nil), m.ShortTitles...)
	}
	// Notes add up: a warning found by the loader (OCR, contradictory
	// metadata) is never hidden by an overlay's own warnings.
	for _, n := range m.Notes {
		if !slices.Contains(d.Notes, n) {
			d.Notes = append(d.Notes, n)
		}
	}
	if sub := m.Languages[d.Language]; sub != nil {
		sub.apply(d)
	}
}

// metaSources are where metadata for one corpus unit is looked up, weakest
// first: the shipped overlay, the user's -meta folder, a sidecar.
type metaSources struct {
	overlays []fs.FS
}

// lookup returns the merged metadata for the unit at rel (a corpus-relative
// path with forward slashes) whose absolute path is abs.
func (s metaSources) lookup(rel, abs string) ([]*Meta, error) {
	var out []*Meta
	for _, o := range s.overlays {
		m, err := readMeta(o, path.Clean(rel)+".meta.yaml")
		if err != nil {
			return nil, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
	side := strings.TrimSuffix(abs, "/") + ".meta.yaml"
	if ext := path.Ext(abs); ext != "" {
		// NAME.meta.yaml beside NAME.pdf as well as NAME.pdf.meta.yaml
		alt := strings.TrimSuffix(abs, ext) + ".meta.yaml"
		if _, err := os.Stat(alt); err == nil {
			side = alt
		}
	}
	dir, name := path.Split(side)
	m, err := readMeta(os.DirFS(dirOrDot(dir)), name)
	if err != nil {
		return nil, err
	}
	if m != nil {
		out = append(out, m)
	}
	return out, nil
}

func dirOrDot(d string) string {
	if d == "" {
		return "."
	}
	return d
}
