//! The words that are written with a capital letter but name no one: the
//! lists behind `suggest`'s rules (docs/decisions.md, "dossier suggest").
//! Every list is in lower case and compared with a word in lower case.
//! They are English, as dossier's example copy is; a word missing here
//! costs a false suggestion, never a missed mention.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: these sets are asked about every capitalised word of every
/// article, and their keys are a few bytes long and not chosen by anyone
/// who could flood them (SipHash's reason to be).
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Set = HashSet<&'static str, BuildHasherDefault<Fnv>>;

fn set(words: &'static str) -> Set {
    words.split_whitespace().collect()
}

/// Function words, pronouns and sentence adverbs: capitalised only to open
/// a sentence or a title ("The", "However", "According"). A name never
/// starts or ends with one; one inside a run of capitals splits it.
static STOP: LazyLock<Set> = LazyLock::new(|| {
    set(
        "a an the this that these those it its it's he she they we i you his her hers him them
    their theirs our ours my mine your yours me us who whom whose what which when where why how
    whatever whoever whichever but and or nor so yet if unless while whilst though although
    because since until till as at by for from in into on onto of off to with within without
    after before during under over above below between among amid amidst about against across
    along around behind beyond despite except inside outside through throughout toward towards
    upon via per than then there here thus hence therefore however meanwhile moreover
    furthermore nevertheless nonetheless instead indeed also still even just only now once
    later earlier today tonight yesterday tomorrow last next first second third finally some
    many most much more less few all any each every both either neither none no not other
    another such several one two three four five six seven eight nine ten yes according asked
    speaking following including unlike like overall please dear hello perhaps maybe whether
    well oh is are was were be been being has have had do does did will would shall should can
    could might must let here's there's that's what's who's it's i'm we're they're you're
    don't doesn't didn't won't can't isn't aren't wasn't weren't",
    )
});

/// Titles and honorifics: written before a name, never part of it
/// ("President", "Mr", "CEO"). They split a run of capitals, and what
/// stands next to them is dropped when it only says which title
/// ("French", "Foreign" in "French Foreign Minister").
static TITLES: LazyLock<Set> = LazyLock::new(|| {
    set(
        "mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister
    ministers premier chancellor secretary senator sen rep representative congressman
    congresswoman governor gov mayor king queen prince princess sheikh sheik emir sultan pope
    cardinal archbishop bishop rabbi imam reverend rev pastor judge ambassador envoy
    consul spokesman spokeswoman spokesperson ceo cfo coo cto chairman chairwoman chairperson
    commissioner lawmaker mp mep deputy former acting interim colonel col captain capt lieutenant
    lt sergeant sgt admiral adm commander cmdr gen maj brig marshal inspector detective
    superintendent supt officer attorney prosecutor director founder chief leader president-elect
    mister madam monsieur madame mme mademoiselle mlle maître maitre docteur herr frau señor
    señora don doña signor signora",
    )
});

/// Words that say which office a title is ("Foreign Minister", "Secretary
/// of State"): dropped with the title they stand next to.
static PORTFOLIOS: LazyLock<Set> =
    LazyLock::new(|| {
        set("foreign affairs defence defense interior finance justice health energy economy economic
    trade industry education transport transportation environment agriculture labour labor home
    culture housing security intelligence digital treasury state public communications
    information tourism sport sports science technology development planning infrastructure
    water mines mining oil petroleum commerce immigration national general executive senior
    junior principal assistant associate managing regional federal")
    });

/// Nationalities, peoples, faiths and languages: adjectives that are
/// capitalised ("Israeli spyware", "French government"), never an actor's
/// name alone. A plural in -s is one too ("Israelis").
static DEMONYMS: LazyLock<Set> = LazyLock::new(|| {
    set(
        "afghan albanian algerian american andorran angolan argentine argentinian armenian
    australian austrian azerbaijani azeri bahamian bahraini bangladeshi barbadian belarusian
    belgian belizean beninese bhutanese bolivian bosnian botswanan brazilian british bruneian
    bulgarian burkinabe burmese burundian cambodian cameroonian canadian chadian chilean chinese
    colombian congolese croatian cuban cypriot czech danish djiboutian dominican dutch ecuadorian
    egyptian emirati english eritrean estonian ethiopian fijian filipino finnish french gabonese
    gambian georgian german ghanaian greek grenadian guatemalan guinean guyanese haitian honduran
    hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican
    japanese jordanian kazakh kenyan korean kosovar kuwaiti kyrgyz lao laotian latvian lebanese
    liberian libyan lithuanian luxembourgish macedonian malagasy malawian malaysian maldivian
    malian maltese mauritanian mauritian mexican moldovan monegasque mongolian montenegrin
    moroccan mozambican namibian nepalese nepali nicaraguan nigerian nigerien norwegian omani
    pakistani palestinian panamanian paraguayan persian peruvian polish portuguese qatari
    romanian russian rwandan salvadoran samoan saudi scottish senegalese serbian singaporean
    slovak slovakian slovenian somali somalian spanish sudanese surinamese swazi swedish swiss
    syrian taiwanese tajik tanzanian thai togolese tongan tunisian turkish turkmen ugandan
    ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean
    african arab arabian asian european western eastern northern southern central latin nordic
    scandinavian baltic balkan caucasian mediterranean soviet ottoman kurdish kurd berber tamil
    sikh catalan basque flemish walloon bavarian corsican sicilian tibetan uighur uyghur rohingya
    pashtun hazara druze bedouin roma romani celtic anglo hispanic latino latina caribbean
    pacific atlantic arctic antarctic gulf middle
    christian muslim jewish jew catholic protestant orthodox evangelical sunni shia shiite
    hindu buddhist islamic islamist zionist mormon anglican lutheran methodist baptist
    communist socialist marxist nazi
    arabic hebrew farsi urdu hindi bengali punjabi mandarin cantonese swahili yiddish",
    )
});

/// Words for an institution that say whose only in context ("the
/// Committee said", "the Board"): never listed alone, never taken as a
/// short form of a longer name.
static GENERIC: LazyLock<Set> = LazyLock::new(|| {
    set(
        "government ministry court committee department office agency council commission
    authority company firm group bank university state party union army police cabinet embassy
    board institute foundation association church city county province region republic kingdom
    federation administration organization organisation service services tribunal prosecutors
    prosecution parliament senate assembly congress north south east west internet web
    covid coronavirus god",
    )
});

/// Months, weekdays and holidays, in full and abbreviated: dates, not names.
static DATES: LazyLock<Set> = LazyLock::new(|| {
    set(
        "january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat christmas easter ramadan eid
    hanukkah passover thanksgiving",
    )
});

/// News agencies: they belong in `sources`, and their names and codes are
/// datelines and credit lines (`(AFP)`, `Reuters`), not actors.
static AGENCIES: LazyLock<Set> = LazyLock::new(|| {
    set(
        "afp ap ansa dpa efe upi pti ians ani reuters xinhua tass ria kyodo yonhap anadolu
    bernama antara wafa kuna mena irna isna interfax belga anp ctk pap mti lusa agerpres bta
    tanjug hina sta apa ats sda wam qna petra sana",
    )
});

/// Words in capitals that are abbreviations of things, not names of
/// actors ("TV", "CEO", "GMT"), and Roman numerals.
static NOT_ACRONYMS: LazyLock<Set> =
    LazyLock::new(|| {
        set("tv ceo cfo coo cto pm am mp mps mep meps gmt utc est edt pst cet cest id ok pdf url gdp
    dna sms vpn ai it pr hq faq usb gps rss html nb ps ngo ngos ipo vip lgbt lgbtq covid
    covid-19 sars hiv aids usd eur gbp chf jpy cny inr km kg mw gw kwh ii iii iv vi vii viii ix
    xi xii xiii xiv xv xx xxi q1 q2 q3 q4 ad bc ce bce")
    });

/// Institution words after which "of", "for", "on" or "to" and more
/// capitals continue one name ("Bank of England", "Committee for Fair
/// Tenders", "Committee to Protect Journalists"); after any other word
/// they separate two ("Lars Ekdahl of Tellurion").
static ORG_HEADS: LazyLock<Set> = LazyLock::new(|| {
    set(
        "bank ministry department university college school institute board committee council
    commission office court agency authority association federation union league party church
    museum society academy foundation centre center chamber bureau house republic kingdom
    state states city port province army navy corps order alliance coalition campaign fund
    trust network project movement front forces force guard tribunal parliament assembly
    congress senate secretariat directorate inspectorate service services organisation
    organization company corporation group exchange hospital police district region county
    initiative observatory commissariat registry secretary minister ministers director
    commissioner",
    )
});

/// Legal forms and trade words that end a company's name ("Veltra
/// Systems", "NSO Group", "Orion Holdings Ltd", "Marenostra
/// Costruzioni"): the name without them is its short form.
static COMPANY_SUFFIXES: LazyLock<Set> = LazyLock::new(|| {
    set(
        "systems group holdings holding ltd ltd. limited inc inc. incorporated corp corp.
    corporation co co. llc llp plc gmbh ag kg sa s.a. sas sarl srl spa s.p.a. bv nv ab asa oy
    oyj pty ltda sl technologies technology industries international enterprises partners
    ventures solutions costruzioni construcciones constructions construction engineering
    shipping logistics consulting capital trading securities pharma pharmaceuticals motors
    airlines airways telecom software networks electronics chemicals investments insurance
    properties realty",
    )
});

/// Lower-case particles inside names ("Francois de Rugy", "Mohammed bin
/// Salman", "Ludwig van der Berg"), which may also open a short form
/// ("de Rugy"). Common English words ("do", "ten") are left out.
static PARTICLES: LazyLock<Set> = LazyLock::new(|| {
    set("de del della dei der di da das dos du van von ter bin bint ibn al el la le zu y")
});

/// Particles written joined to the name ("al-Assad", "d'Estaing").
static JOINED_PARTICLES: LazyLock<Set> = LazyLock::new(|| set("al el bin ibn abu d l"));

/// "of", "for", "on", "to", and "the" after one of them: they join an
/// organisation's name after an institution word ([`is_org_head`]).
pub(super) fn is_connector(w: &str) -> bool {
    matches!(w, "of" | "for" | "on" | "to" | "the")
}

pub(super) fn is_stop(lower: &str) -> bool {
    STOP.contains(lower)
}

pub(super) fn is_title(lower: &str) -> bool {
    TITLES.contains(lower.trim_end_matches('.'))
}

pub(super) fn is_portfolio(lower: &str) -> bool {
    PORTFOLIOS.contains(lower)
}

pub(super) fn is_demonym(lower: &str) -> bool {
    DEMONYMS.contains(lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|w| DEMONYMS.contains(w))
}

pub(super) fn is_generic(lower: &str) -> bool {
    GENERIC.contains(lower)
}

pub(super) fn is_date(lower: &str) -> bool {
    DATES.contains(lower)
}

pub(super) fn is_agency(lower: &str) -> bool {
    AGENCIES.contains(lower)
}

pub(super) fn is_not_acronym(lower: &str) -> bool {
    NOT_ACRONYMS.contains(lower)
}

pub(super) fn is_org_head(lower: &str) -> bool {
    ORG_HEADS.contains(lower)
}

pub(super) fn is_particle(w: &str) -> bool {
    // Asked about every lower-case word: most are longer than any
    // particle, and are answered without hashing.
    w.len() <= MAX_PARTICLE && PARTICLES.contains(w)
}

/// The length in bytes of the longest of [`PARTICLES`] ("della").
const MAX_PARTICLE: usize = 5;

pub(super) fn is_joined_particle(w: &str) -> bool {
    JOINED_PARTICLES.contains(w)
}

pub(super) fn is_company_suffix(lower: &str) -> bool {
    COMPANY_SUFFIXES.contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_particle_is_within_the_length_asked_about() {
        for p in PARTICLES.iter() {
            assert!(p.len() <= MAX_PARTICLE, "{p}");
            assert!(is_particle(p), "{p}");
        }
        assert!(!is_particle("delle-x"));
    }
}
