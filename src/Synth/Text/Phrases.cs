namespace Marketing.Synth.Text;

/// <summary>
/// Templates and word lists. Placeholders: {B} brand, {A} aspect, {C} competitor, {E} emoji of the label, {S} optional
/// slang opener, {N} launched product, {T} event hashtag, {O} what broke in an outage, {L} a link, {H} brand hashtag.
/// Some positive lines use negation ("not bad") and some negative ones praise sarcastically ("/s", "yeah right"): the
/// label is what the writer means, which is what a sentiment model has to learn.
/// </summary>
internal static class Phrases
{
    public static readonly string[] Positive =
    [
        "{S}{B} {A} is honestly amazing {E}",
        "obsessed with the {A} from {B} {E}",
        "not bad at all {B}, the {A} actually works {E}",
        "can't complain about the {B} {A}, {S}pretty solid",
        "{B} never disappoints. {A} on point {E}",
        "shoutout to {B} for the {A} 🙌",
        "10/10 would recommend the {B} {A}",
        "the {A} from {B} slaps {E}",
        "didn't expect much but the {B} {A} is really great",
        "loving the {A} on {B} lately {E}",
        "{S}switched to {B} last month and the {A} is definitely better than {C}",
        "{B} fixed my {A} issue in 5 minutes, awesome support {E}",
        "ok {B} you win, the new {A} is beautiful {E}",
        "no complaints, {B} {A} just works",
        "{B} {A} is lowkey the best thing i bought this year {E}",
        "happy with {B} so far, the {A} is fast and reliable",
    ];

    public static readonly string[] Negative =
    [
        "{B} {A} is trash {E}",
        "don't love the new {A} from {B} tbh",
        "wow {B}, great job breaking the {A} again. love that for me /s",
        "yeah right {B}, 'best {A} ever' lol {E}",
        "{S}{B} {A} keeps failing. so done {E}",
        "never buying {B} again, the {A} is a joke",
        "not impressed with {B} at all, {A} is worse than {C}",
        "why is the {B} {A} so bad?? {E}",
        "{B} support ignored me for 3 days about the {A}. unacceptable",
        "cancelled my {B} account, waste of money {E}",
        "{S}the {B} {A} is not good. not good at all",
        "thanks {B} for the terrible {A}, really made my day /s",
        "{B} really said 'we value our customers' and then broke the {A} {E}",
        "i definitely regret choosing {B}, the {A} is awful",
        "can't believe how bad the {B} {A} got {E}",
        "{B} {A} is a scam, going back to {C}",
    ];

    public static readonly string[] Neutral =
    [
        "anyone tried the {A} from {B}?",
        "{B} announces changes to the {A} {L}",
        "is the {B} {A} better than {C}? thinking about switching",
        "heading to the {B} store later",
        "{B} {A} update rolling out today {L}",
        "what time does {B} support open on sundays",
        "comparing {B} and {C} on the {A} {L}",
        "just saw the new {B} ad",
        "{S}does the {B} {A} work abroad?",
        "my sister works at {B}, ask me anything about the {A} i guess",
        "{B} vs {C} for the {A}, which one?",
        "reading the {B} terms for the {A}, long read {E}",
    ];

    public static readonly string[] NoBrandPositive =
    [
        "best weekend in a long time {E}",
        "finally friday {E}",
        "sunset walk was exactly what i needed {E}",
    ];

    public static readonly string[] NoBrandNegative =
    [
        "monday again {E}",
        "traffic this morning was a nightmare {E}",
        "my wifi has been awful all day {E}",
    ];

    public static readonly string[] NoBrandNeutral =
    [
        "anyone watching the game tonight?",
        "thinking about getting a new phone, open to suggestions",
        "what's everyone reading this week {L}",
        "coffee first, then everything else",
    ];

    public static readonly string[] LaunchPositive =
    [
        "the {N} just dropped and it's incredible {E} {T}",
        "preordered the {N}!! {T} {E}",
        "{S}{B} nailed it with the {N} {T}",
        "launch day! got my {N} from {B} {E} {T}",
        "{N} hands-on: faster, nicer, worth it {L} {T}",
    ];

    public static readonly string[] LaunchNegative =
    [
        "the {N} is overpriced lol, hard pass {T}",
        "{B} launch event was 40 minutes of nothing. {N}? meh {T}",
        "yeah right, 'revolutionary' {N} {E} {T}",
    ];

    public static readonly string[] LaunchNeutral =
    [
        "{B} launches the {N} today {L} {T}",
        "is the {N} available in stores yet? {T}",
        "{N} launch: price and dates {L} {T}",
    ];

    public static readonly string[] LaunchOfficial =
    [
        "Meet the {N}. Available today {L} {T}",
        "Now available: {N} {L} {T}",
    ];

    public static readonly string[] OutageNegative =
    [
        "is {B} down for anyone else?? {O} not working {T} {E}",
        "{B} outage again. no {O} for 2 hours {E} {T}",
        "{S}{B} {O} is down and support isn't answering {T}",
        "thanks {B}, {O} down right when i needed it /s {T}",
        "{B} down again?! this outage is ridiculous {E} {T}",
        "can't use {B} at all, {O} totally dead {T}",
    ];

    public static readonly string[] OutageNeutral =
    [
        "{B} {O} outage reported in several cities {L} {T}",
        "is the {B} outage fixed yet? {T}",
    ];

    public static readonly string[] OutagePositive =
    [
        "{B} outage fixed already, nice work {T}",
    ];

    public static readonly string[] OutageOfficial =
    [
        "We're aware some customers can't use the {O} right now. Our team is on it, updates here {L} {T}",
        "Update: the {O} outage is being fixed. Sorry for the trouble {T}",
    ];

    public static readonly string[] ViralQuote =
    [
        "lmao this {B} post {E} {T}",
        "i can't stop laughing at this {E} {T}",
        "this is the best thing on my feed today {T}",
        "{S}everyone needs to see this {T}",
    ];

    public static readonly string[] ViralReply =
    [
        "no way this is real {E}",
        "{B} should hire you honestly",
        "this made my whole day {E}",
    ];

    public static readonly string[] CampaignOfficial =
    [
        "Switching is easy: bring your number from {C} and get 3 months free {L} {T}",
        "Tired of {C}? Switch to {B} this week {E} {L} {T}",
    ];

    public static readonly string[] CampaignPositive =
    [
        "just did the {T} thing, bye {C} {E}",
        "{S}switched from {C} to {B}, 3 months free is a great deal {T}",
        "{B} is giving away free months if you leave {C} {E} {T}",
        "took the {B} offer, already happier than with {C} {T}",
    ];

    public static readonly string[] CampaignNeutral =
    [
        "anyone tried the {B} switch offer? {T}",
        "{B} is running ads everywhere today {T}",
        "is the {T} deal worth it? currently on {C}",
    ];

    public static readonly string[] CampaignNegative =
    [
        "the {B} switch offer has so much fine print {E} {T}",
    ];

    public static readonly string[] DeclineNegative =
    [
        "{B} raising prices AGAIN?? {E} {T}",
        "the {B} price hike is ridiculous, thinking about cancelling {T}",
        "{S}{B} got so expensive, cancel time {T}",
        "paying more for a worse {A}. thanks {B} /s {T}",
        "{B} price hike + worse {A} = i'm out {E} {T}",
    ];

    public static readonly string[] DeclineNeutral =
    [
        "{B} price hike starts next month {L} {T}",
        "how much is {B} now after the price hike? {T}",
    ];

    public static readonly string[] DeclinePositive =
    [
        "still worth it even after the {B} price hike imo {T}",
    ];

    public static readonly string[] FrenchPositive =
    [
        "J'adore {B}, le {A} est génial {E}",
        "{B} c'est vraiment top, rien à dire",
        "pas mal du tout le {A} de {B} {E}",
        "franchement {B} assure, très contente",
    ];

    public static readonly string[] FrenchNegative =
    [
        "{B} c'est nul, le {A} ne marche plus {E}",
        "franchement déçu par {B}, jamais plus",
        "service client {B} horrible, trois jours sans réponse {E}",
    ];

    public static readonly string[] FrenchNeutral =
    [
        "quelqu'un a testé le {A} de {B} ?",
        "{B} annonce du nouveau pour le {A} {L}",
    ];

    public static readonly string[] SpanishPositive =
    [
        "Me encanta {B}, el {A} es genial {E}",
        "{B} nunca falla, muy contenta con el {A}",
        "qué maravilla el {A} de {B} {E}",
    ];

    public static readonly string[] SpanishNegative =
    [
        "{B} es un desastre, el {A} no funciona {E}",
        "qué decepción con {B}, nunca más",
        "llevo tres días sin {A}, gracias {B} {E}",
    ];

    public static readonly string[] SpanishNeutral =
    [
        "¿alguien probó el {A} de {B}?",
        "{B} cambia el {A} a partir de mañana {L}",
    ];

    public static readonly string[] GermanPositive =
    [
        "{B} ist echt super, der {A} ist top {E}",
        "bin total zufrieden mit {B}",
        "der {A} von {B} ist wirklich gut {E}",
    ];

    public static readonly string[] GermanNegative =
    [
        "{B} ist eine Katastrophe, {A} geht schon wieder nicht {E}",
        "nie wieder {B}, was für ein Ärger",
        "der {A} von {B} ist einfach schlecht {E}",
    ];

    public static readonly string[] GermanNeutral =
    [
        "hat jemand schon den {A} von {B} getestet?",
        "{B} ändert den {A} ab nächster Woche {L}",
    ];

    public static readonly string[] GenericCompetitor = ["my old provider", "the other guys", "my current one", "the competition"];

    public static readonly string[] RedditTails =
    [
        " edit: typo",
        " anyone else?",
        " idk what to do at this point.",
        " long time lurker, first post.",
        " curious what you all think.",
    ];

    public static readonly string[] PositiveEmoji = ["😍", "🔥", "🙌", "❤️", "😊", "👏", "💯", "✨"];

    public static readonly string[] NegativeEmoji = ["😡", "🤬", "👎", "😤", "🙄", "💀", "😒", "😭"];

    public static readonly string[] NeutralEmoji = ["🤔", "👀", "", "", "📌"];

    public static readonly string[] Slang = ["ngl ", "tbh ", "lowkey ", "fr ", "imo ", "honestly ", "bruh ", "lol "];

    public static readonly string[] GenericTags = ["mondaymotivation", "tbt", "weekendvibes", "life", "review", "deals", "fyp"];

    /// <summary>Common misspellings: a correct word and how people get it wrong.</summary>
    public static readonly (string Right, string Wrong)[] Misspellings =
    [
        ("definitely", "definately"),
        ("really", "realy"),
        ("awesome", "awsome"),
        ("terrible", "terible"),
        ("because", "becuase"),
        ("ridiculous", "rediculous"),
        ("believe", "beleive"),
        ("the ", "teh "),
        ("great", "grat"),
        ("amazing", "amazng"),
        ("support", "suport"),
    ];
}
