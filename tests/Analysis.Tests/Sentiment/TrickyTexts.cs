namespace Marketing.Analysis.Tests.Sentiment;

/// <summary>Texts that exercise every branch of the tokenizer and the scorer, for tests that compare two paths.</summary>
public static class TrickyTexts
{
    public static readonly string[] All =
    [
        "", "   ", "a", "I", "ok", "sooooo GOOOOD!!!", "goooood", "looooove it", "nooooo wayyyy",
        "I don't like it, but the screen is good", "can’t wait", "don’t stop; not now. never again!", "it's the user's phone",
        "'quoted' words and ‘curly’ ones", "not #happy", "#NotHappy with #iPhone15", "#sohappy #nothappy #blackfriday",
        "#so_happy_today", "#ABCDefGhi", "#a1b2c3", "#NOTHAPPY", "#not_happy", "#_x", "#i❤️ny", "# alone", "#",
        "@bob look https://t.co/xyz and www.example.com", "HTTP://EXAMPLE.COM/x ok WWW.X.Y", "@ bob @_ok @a.b", "email me a@b.com",
        "love it😍 :)", "ugh 😡😡😡", "❤️❤️ family 👨‍👩‍👧 🏳️‍🌈", "emoji😍inside😡word", "xD x-ray 8) 8-) XD", ":-( :'( </3 <3 :) :(",
        "what?!! wow!!! ?? ?!?", "naïve café Über Straße ÇA VA", "İstanbul ΣΟΦΊΑ straße ǅemal", "𝐁𝐎𝐋𝐃 𝓈𝒸𝓇𝒾𝓅𝓉 text",
        "日本語のテキスト です", "مرحبا بالعالم", "unpaired \ud83d surrogate \ude0d here", "tab\tand\nnewline\r\nend",
        "the the the the the the the", "very very good", "slightly bad", "kinda nice but hardly great", "NOT GOOD AT ALL",
        "@user: not good... but OK :) #win http://x.co", "I hate the app but love the camera", "the phone is not bad at all",
        "1st 2nd 3rd 100% $5 #1", "co-op e-mail re-do", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "HAHAHAHA lol LOL",
        string.Concat(Enumerable.Repeat("word ", 700)), new string('x', 300) + " " + new string('Y', 300),
        string.Concat(Enumerable.Repeat("not good, ", 80)), "#" + new string('a', 40), "#" + string.Concat(Enumerable.Repeat("Ab", 150)),
    ];
}
