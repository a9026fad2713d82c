namespace NetworkSaaS.Seeds.Synthetic;

/// <summary>A Japanese name part with its reading (katakana) and romanization (for email addresses).</summary>
public sealed record JapaneseName(string Kanji, string Kana, string Romaji);

/// <summary>The words synthetic people and companies are made of: common Japanese and English names, company parts, tags.</summary>
public static class SyntheticVocabulary
{
    public static IReadOnlyList<JapaneseName> JapaneseFamilyNames { get; } = Parse("""
        佐藤 サトウ sato;鈴木 スズキ suzuki;高橋 タカハシ takahashi;田中 タナカ tanaka;伊藤 イトウ ito;渡辺 ワタナベ watanabe;山本 ヤマモト yamamoto;
        中村 ナカムラ nakamura;小林 コバヤシ kobayashi;加藤 カトウ kato;吉田 ヨシダ yoshida;山田 ヤマダ yamada;佐々木 ササキ sasaki;山口 ヤマグチ yamaguchi;
        松本 マツモト matsumoto;井上 イノウエ inoue;木村 キムラ kimura;林 ハヤシ hayashi;斎藤 サイトウ saito;清水 シミズ shimizu;山崎 ヤマザキ yamazaki;
        森 モリ mori;池田 イケダ ikeda;橋本 ハシモト hashimoto;阿部 アベ abe;石川 イシカワ ishikawa;山下 ヤマシタ yamashita;中島 ナカジマ nakajima;
        石井 イシイ ishii;小川 オガワ ogawa;前田 マエダ maeda;岡田 オカダ okada;長谷川 ハセガワ hasegawa;藤田 フジタ fujita;後藤 ゴトウ goto;
        近藤 コンドウ kondo;村上 ムラカミ murakami;遠藤 エンドウ endo;青木 アオキ aoki;坂本 サカモト sakamoto;斉藤 サイトウ saito;福田 フクダ fukuda;
        太田 オオタ ota;西村 ニシムラ nishimura;藤井 フジイ fujii;金子 カネコ kaneko;岡本 オカモト okamoto;藤原 フジワラ fujiwara;中野 ナカノ nakano;
        三浦 ミウラ miura;原田 ハラダ harada;中川 ナカガワ nakagawa;松田 マツダ matsuda;竹内 タケウチ takeuchi;小野 オノ ono;田村 タムラ tamura;
        中山 ナカヤマ nakayama;和田 ワダ wada;石田 イシダ ishida;森田 モリタ morita;上田 ウエダ ueda;原 ハラ hara;内田 ウチダ uchida;柴田 シバタ shibata;
        酒井 サカイ sakai;宮崎 ミヤザキ miyazaki;横山 ヨコヤマ yokoyama;高木 タカギ takagi;安藤 アンドウ ando;宮本 ミヤモト miyamoto;大野 オオノ ono;
        小島 コジマ kojima;谷口 タニグチ taniguchi;今井 イマイ imai;工藤 クドウ kudo;高田 タカダ takada;増田 マスダ masuda;丸山 マルヤマ maruyama;
        杉山 スギヤマ sugiyama;村田 ムラタ murata;大塚 オオツカ otsuka;新井 アライ arai;小山 コヤマ koyama;平野 ヒラノ hirano;藤本 フジモト fujimoto;
        河野 コウノ kono;上野 ウエノ ueno;野口 ノグチ noguchi;武田 タケダ takeda;松井 マツイ matsui;千葉 チバ chiba;岩崎 イワサキ iwasaki;菅原 スガワラ sugawara;
        木下 キノシタ kinoshita;久保 クボ kubo;佐野 サノ sano;野村 ノムラ nomura;松尾 マツオ matsuo;菊地 キクチ kikuchi;杉本 スギモト sugimoto;市川 イチカワ ichikawa
        """);

    public static IReadOnlyList<JapaneseName> JapaneseGivenNames { get; } = Parse("""
        翔 ショウ sho;大輔 ダイスケ daisuke;健太 ケンタ kenta;拓也 タクヤ takuya;直樹 ナオキ naoki;和也 カズヤ kazuya;達也 タツヤ tatsuya;誠 マコト makoto;
        一郎 イチロウ ichiro;健一 ケンイチ kenichi;隆 タカシ takashi;浩二 コウジ koji;亮 リョウ ryo;蓮 レン ren;陽翔 ハルト haruto;悠真 ユウマ yuma;
        大翔 ヒロト hiroto;湊 ミナト minato;悠人 ユウト yuto;颯太 ソウタ sota;拓海 タクミ takumi;雄大 ユウダイ yudai;修 オサム osamu;剛 ツヨシ tsuyoshi;
        博之 ヒロユキ hiroyuki;正人 マサト masato;裕介 ユウスケ yusuke;慎也 シンヤ shinya;哲也 テツヤ tetsuya;俊介 シュンスケ shunsuke;
        美咲 ミサキ misaki;優子 ユウコ yuko;直子 ナオコ naoko;さやか サヤカ sayaka;陽菜 ヒナ hina;結衣 ユイ yui;葵 アオイ aoi;さくら サクラ sakura;
        真由美 マユミ mayumi;恵 メグミ megumi;愛 アイ ai;彩 アヤ aya;麻衣 マイ mai;千尋 チヒロ chihiro;由美 ユミ yumi;智子 トモコ tomoko;
        裕子 ユウコ yuko;久美子 クミコ kumiko;明美 アケミ akemi;美穂 ミホ miho;舞 マイ mai;奈々 ナナ nana;理恵 リエ rie;香織 カオリ kaori;
        遥 ハルカ haruka;芽依 メイ mei;凛 リン rin;美月 ミヅキ mizuki;琴音 コトネ kotone;花子 ハナコ hanako
        """);

    public static IReadOnlyList<string> EnglishGivenNames { get; } = Words("""
        James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah
        Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily
        Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Edward Sharon
        Jason Laura Jeffrey Cynthia Ryan Kathleen Jacob Amy Gary Angela Nicholas Shirley Eric Anna Jonathan Brenda Stephen Pamela Larry Emma
        Justin Nicole Scott Helen Brandon Samantha Benjamin Katherine Samuel Christine Gregory Debra Alexander Rachel Patrick Carolyn Frank Janet
        Olivia Liam Noah Sophia Ava Isabella Mia Lucas Ethan Chloe Priya Wei Mei Daniel Raj Ananya Carlos Sofia Lars Ingrid
        """);

    public static IReadOnlyList<string> EnglishFamilyNames { get; } = Words("""
        Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore
        Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen
        Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards
        Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox
        Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross
        Foster Jimenez Okafor Lin Chen Wang Zhang Singh Kumar Schmidt Muller Fischer Weber Dubois Laurent Rossi Bianchi Novak Larsen Hansen
        """);

    /// <summary>Where Japanese company names start (place or brand), then what they do, then the legal form.</summary>
    public static IReadOnlyList<string> JapaneseCompanyPrefixes { get; } = Words("""
        東京 大阪 横浜 名古屋 京都 神戸 福岡 札幌 仙台 広島 北九州 千葉 埼玉 静岡 新潟 金沢 岡山 熊本 那覇 長野 日本 東洋 中央 太平洋 関東 関西 東海
        北陸 九州 四国 東北 湘南 みなと 丸の内 日本橋 銀座 新宿 渋谷 品川 梅田 難波 天神 博多
        """);

    public static IReadOnlyList<string> JapaneseCompanyBrands { get; } = Words("""
        さくら 青葉 北斗 みらい 大和 富士 光 明星 新星 あおぞら ひかり 若葉 つばさ 朝日 日の出 曙 桜 松竹 白鷺 鳳凰 青山 緑 虹 昴 銀河 大地 翼 誠 和 匠
        ソレイユ アスカ ミライ ネクスト コスモ ステラ アクア グラン ユニオン フロンティア
        """);

    public static IReadOnlyList<string> JapaneseCompanyKinds { get; } = Words("""
        商事 物産 電機 製作所 工業 建設 不動産 銀行 証券 保険 食品 化学 製薬 運輸 物流 通信 システムズ ソフトウェア コンサルティング テクノロジー
        ホールディングス 精機 電子 鉄鋼 繊維 印刷 広告 出版 観光 ホテル 百貨店 ストア 医療 エネルギー ガス 電力 航空 海運 ロボティクス ラボ
        """);

    public static IReadOnlyList<string> JapaneseLegalForms { get; } = ["株式会社", "株式会社", "株式会社", "株式会社", "合同会社", "有限会社"];

    public static IReadOnlyList<string> EnglishCompanyFirstWords { get; } = Words("""
        Acme Globex Initech Umbrella Stark Wayne Wonka Hooli Vandelay Soylent Cyberdyne Tyrell Aperture Massive Dynamic Northwind Contoso Fabrikam
        Tailspin Litware Adventure Blue Red Green Silver Golden Iron Summit Pioneer Harbor Atlas Apex Vertex Nimbus Orion Polaris Cobalt Falcon
        Eagle Lion Maple Oak Cedar Willow River Lake Bay Coast Bridge Crown Sterling Beacon Keystone Granite Meridian Horizon Evergreen Redwood
        """);

    public static IReadOnlyList<string> EnglishCompanyMiddleWords { get; } = Words("""
        Global Pacific Atlantic North South East West United Digital Advanced Applied Precision Strategic Integrated Modern Prime First Quantum Smart
        """);

    public static IReadOnlyList<string> EnglishCompanyKinds { get; } = Words("""
        Systems Software Analytics Logistics Capital Partners Ventures Robotics Foods Pharma Biotech Energy Media Labs Networks Solutions Consulting
        Manufacturing Motors Materials Semiconductors Retail Hotels Airlines Insurance Bank Securities Health Devices Cloud Data Security Games Studios
        """);

    public static IReadOnlyList<string> EnglishLegalForms { get; } = ["Inc.", "Inc.", "Ltd.", "LLC", "Corporation", "Co., Ltd.", "GmbH", "Pte. Ltd.", "Group"];

    /// <summary>Codes of the fixed industry list (Features/Companies/Industries), as organizations store them.</summary>
    public static IReadOnlyList<string> Industries { get; } = Words("""
        manufacturing finance-insurance wholesale-retail transport-logistics information-communications healthcare-welfare utilities
        construction real-estate professional-services education lifestyle-entertainment hospitality-food other-services
        """);

    public static IReadOnlyList<string> Departments { get; } =
    [
        "経営企画部", "営業部", "法人営業部", "人事部", "総務部", "経理部", "財務部", "法務部", "開発部", "研究開発部", "情報システム部", "マーケティング部",
        "広報部", "購買部", "製造部", "品質保証部", "海外事業部", "新規事業開発室", "カスタマーサクセス部", "Corporate Strategy",
    ];

    public static IReadOnlyList<string> EmployeeTitles { get; } =
        ["部長", "課長", "係長", "主任", "担当", "マネージャー", "シニアマネージャー", "ディレクター", "執行役員", "スペシャリスト", "Engineer", "Account Executive"];

    public static IReadOnlyList<string> ContactDepartments { get; } =
    [
        "営業部", "購買部", "人事部", "経営企画部", "開発部", "情報システム部", "マーケティング部", "事業開発部", "調達本部", "技術本部",
        "Sales", "Engineering", "Procurement", "Business Development", "Marketing", "Finance", "Human Resources", "Product",
    ];

    public static IReadOnlyList<string> ContactTitles { get; } =
    [
        "代表取締役", "代表取締役社長", "取締役", "執行役員", "本部長", "部長", "副部長", "課長", "係長", "主任", "担当", "マネージャー", "顧問",
        "CEO", "CTO", "CFO", "COO", "VP Sales", "VP Engineering", "Head of Partnerships", "Director", "Senior Manager", "Product Manager",
        "Software Engineer", "Recruiter", "Buyer", "Partner", "Founder", "Investor", "Advisor",
    ];

    public static IReadOnlyList<string> Tags { get; } =
    [
        "製造業", "SaaS", "投資家", "採用候補", "メンター", "顧問候補", "AI", "物流", "小売", "金融", "医療", "スタートアップ", "大学同期", "前職",
        "ゴルフ", "勉強会", "商工会議所", "異業種交流会", "キーマン", "決裁者", "展示会", "VIP", "alumni", "golf", "investor", "recruiting",
        "partner", "prospect", "fintech", "healthcare", "mentor", "advisor", "speaker", "board", "supplier", "customer", "press", "community",
        "engineering", "design",
    ];

    public static IReadOnlyList<string> Expertise { get; } =
    [
        "法人営業", "資本政策", "M&A", "IPO準備", "採用", "組織開発", "サプライチェーン", "DX推進", "クラウド", "セキュリティ", "データ分析", "海外進出",
        "Go-to-market", "Fundraising", "Cloud infrastructure", "Machine learning", "Supply chain", "Brand strategy", "Enterprise sales", "Hiring",
    ];

    public static IReadOnlyList<string> Venues { get; } =
    [
        "異業種交流会", "商工会議所の新年会", "SaaS Summit Tokyo", "AWS Summit", "展示会", "大学のOB会", "勉強会", "ゴルフコンペ", "取引先の紹介",
        "LinkedIn", "Web Summit", "業界団体の総会", "セミナー", "カンファレンス", "ピッチイベント", "前職の同僚",
    ];

    public static IReadOnlyList<string> NoteSentences { get; } =
    [
        "新規事業の話で盛り上がった。", "次回は工場見学の予定。", "採用について相談に乗ってもらえそう。", "海外展開に詳しい。", "お子さんが同じ学校。",
        "決裁権あり。予算は来期。", "紹介してもらった案件が受注につながった。", "ゴルフ好き。", "Very responsive on email.", "Interested in our API.",
        "Met again at the partner event.", "Introduced us to their CFO.", "Prefers calls in the morning.", "Potential advisor for the Japan launch.",
        "元上司。", "大学のゼミの先輩。", "展示会で名刺交換。", "Follow up after the quarter closes.",
    ];

    public static IReadOnlyList<string> FreeMailDomains { get; } = ["gmail.com", "yahoo.co.jp", "outlook.com", "icloud.com", "docomo.ne.jp"];

    public static IReadOnlyList<string> Cities { get; } =
        ["東京都千代田区丸の内1-1-1", "大阪府大阪市北区梅田2-2-2", "愛知県名古屋市中村区名駅3-3-3", "福岡県福岡市中央区天神4-4-4", "1 Market St, San Francisco, CA", "10 Downing Way, London"];

    private static List<string> Words(string text) =>
        [.. text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static List<JapaneseName> Parse(string text) =>
    [
        .. text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => new JapaneseName(parts[0], parts[1], parts[2])),
    ];
}
