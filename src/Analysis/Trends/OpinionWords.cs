using System.Collections.Frozen;

namespace Marketing.Analysis.Trends;

/// <summary>
/// Words that say how people feel rather than what they talk about ("amazing", "trash", "love", "scam", "meh"), plus
/// the intensifiers and fillers that ride along with them ("honestly", "lowkey", "pretty"). A theme or pain point is a
/// thing a brand can act on ("cold brew", "mobile app", "roaming"), so a term that is, or contains, one of these words
/// is never one; the feeling is carried by the item's kind and its quoted posts instead.
/// Hand-written for English social text; deliberately short of rare words, which the distinctiveness test handles.
/// </summary>
public static class OpinionWords
{
    private static readonly FrozenSet<string> Words = new[]
    {
        // praise
        "amazing", "amazng", "awesome", "great", "good", "nice", "love", "loved", "loves", "loving", "lovely", "like", "liked", "likes",
        "best", "better", "excellent", "fantastic", "fabulous", "brilliant", "perfect", "perfection", "superb", "wonderful", "incredible",
        "beautiful", "gorgeous", "stunning", "cool", "solid", "decent", "fine", "happy", "glad", "happier", "happiest", "gracias", "merci", "danke", "pleased", "delighted", "impressed",
        "impressive", "obsessed", "slaps", "fire", "lit", "goat", "epic", "dope", "legit", "wow", "yay", "thanks", "thank", "thx",
        "shoutout", "recommend", "recommended", "recommends", "worth", "favorite", "favourite", "fave", "fav", "win", "wins", "winning",
        "nailed", "nails", "smooth", "reliable", "fast", "quick", "easy", "helpful", "friendly", "enjoy", "enjoyed", "enjoying",
        "disappoints", "complain", "complaints", "complaining", "satisfied", "stellar", "flawless", "top", "masterpiece", "kudos",
        "bravo", "joy", "fun", "exciting", "excited", "wholesome", "blessed", "grateful", "hyped", "hype", "point", "works", "work",
        "working", "worked", "fixed", "fix", "sorted",
        // blame
        "bad", "worse", "worst", "terrible", "horrible", "awful", "trash", "garbage", "rubbish", "crap", "sucks", "suck", "sucked",
        "hate", "hated", "hates", "hating", "annoying", "annoyed", "angry", "mad", "furious", "frustrating", "frustrated", "disappointed",
        "disappointing", "disappoint", "disappointment", "regret", "regrets", "unacceptable", "ridiculous", "pathetic", "useless",
        "broken", "breaking", "broke", "scam", "joke", "waste", "wasted", "overpriced", "expensive", "pricey", "paying", "cancelling", "canceling", "meh", "ugh", "lame", "mess", "nightmare",
        "fail", "fails", "failing", "failed", "failure", "poor", "slow", "buggy", "laggy", "cancelled", "canceled", "cancel",
        "refund", "ignored", "ignoring", "ignore", "done", "wtf", "smh", "yikes", "boring", "weak", "cheap", "shady", "rip", "ripoff",
        "disgusting", "gross", "sad", "upset", "hard", "pass", "nothing", "pointless", "issue", "issues", "problem", "problems",
        "unbelievable", "believe", "never", "again", "sarcasm", "right", "yeah", "nope", "gone", "down",
        // intensifiers, hedges and fillers that carry the feeling, not the subject
        "honestly", "lowkey", "highkey", "literally", "totally", "absolutely", "definitely", "seriously", "super", "pretty", "quite",
        "truly", "actually", "basically", "lately", "tbh", "imo", "imho", "ngl", "fr", "bruh", "bro", "omg", "lmao", "lmfao", "rofl",
        "haha", "hahaha", "tho", "though", "kinda", "sorta", "ever", "thing", "things", "stuff", "guys", "everyone", "people", "way",
        "bought", "buy", "buying", "choosing", "chose", "choose", "expect", "expected", "year", "years", "week", "weeks", "minutes", "hours", "days", "last", "first", "far", "made", "make", "makes", "said", "say", "says", "know", "think",
        "feel", "feels", "felt", "want", "need", "going", "tried", "try", "trying", "switched", "switching", "compared", "comparing",
        "back", "anymore", "lol", "time", "times", "today", "tonight", "morning", "day", "days",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when the word, lower-cased, is a feeling, intensifier or filler.</summary>
    public static bool IsOpinion(string word) => Words.Contains(word);

    /// <summary>True when any word of a term (a word or an adjacent-word phrase) is one.</summary>
    public static bool ContainsOpinion(string term)
    {
        foreach (var word in term.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Words.Contains(word))
            {
                return true;
            }
        }

        return false;
    }
}
