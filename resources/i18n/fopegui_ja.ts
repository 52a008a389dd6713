<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../fopegui/ui/about_dialog.py" line="+35"/>
        <source>About fopegui</source>
        <translation>fopegui について</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why was this message filtered? Header analysis for Microsoft FOPE and Exchange Online Protection.</source>
        <translation>このメッセージはなぜフィルターされたのか? Microsoft FOPE と Exchange Online Protection のヘッダー解析ツールです。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Qt and PySide6 are used under the GNU LGPL v3, as separate libraries: you may replace them with versions of your own.</source>
        <translation>Qt と PySide6 は GNU LGPL v3 のもと、独立したライブラリとして使用しています。お手元で用意した版に置き換えることができます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Components and their licences:</source>
        <translation>含まれるコンポーネントとライセンス:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>version unknown</source>
        <translation>バージョン不明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>text installed</source>
        <translation>インストール済みの本文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>home page</source>
        <translation>ホームページ</translation>
    </message>
</context>
<context>
    <name>Blacklist</name>
    <message>
        <location filename="../../fopegui/ui/blacklist_tab.py" line="+64"/>
        <source>lists</source>
        <translation>リスト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>list lookups ({n} addresses)</source>
        <translation>リスト照会 ({n} 個のアドレス)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} error</source>
        <translation>エラー {n} 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} unknown</source>
        <translation>不明 {n} 件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> — unknown is not clean</source>
        <translation> — 不明は「掲載なし」ではありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LISTED on {n} of {total} {noun}</source>
        <translation>掲載あり: {total} 件の{noun}のうち {n} 件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No usable answer from any of the {total} {noun}</source>
        <translation>{total} 個の{noun}のいずれからも有効な応答がありません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not listed on {n} of {total} {noun}</source>
        <translation>掲載なし: {total} 件の{noun}のうち {n} 件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was checked.</source>
        <translation>何も確認していません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not listed on any of the {total} {noun}</source>
        <translation>掲載なし: {total} 件の{noun}のいずれにも掲載されていません</translation>
    </message>
</context>
<context>
    <name>BlacklistTab</name>
    <message>
        <location line="+66"/>
        <source>IP address or host name</source>
        <translation>IP アドレスまたはホスト名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Check</source>
        <translation>確認(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%v of %m answered</source>
        <translation>%m 件中 %v 件が応答</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where it came from</source>
        <translation>取得元</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Target:</source>
        <translation>対象:</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Checks the address a recipient&apos;s blacklist saw: the IP an NDR names as blocked, else the outbound edge IP the next server recorded; a host name is looked up only as a fallback. The list the NDR names is asked first. Listed = the list names this IP; unknown = no usable answer, which is not the same as clean.</source>
        <translation>受信側のブラックリストが見たアドレスを確認します: NDR に拒否されたと書かれている IP、無ければ次のサーバーが記録した送信 edge の IP です。ホスト名の DNS 参照は代替手段としてだけ行います。NDR に書かれているリストを最初に照会します。掲載 = リストがこの IP を掲載している、不明 = 有効な応答が無い (掲載なしと同じではありません)。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checked</source>
        <translation>確認</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Also check every public hop of the Received chain</source>
        <translation>Received の全ホップのパブリック アドレスも確認する</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Type an IP address or a host name to check.</source>
        <translation>確認する IP アドレスまたはホスト名を入力してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{text}” is neither an IP address nor a host name.</source>
        <translation>「{text}」は IP アドレスでもホスト名でもありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to check.</source>
        <translation>確認する対象がありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The resolver in Settings is not valid: {error}</source>
        <translation>設定のリゾルバーが正しくありません: {error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No blacklist is enabled: turn some on in Tools ▸ Settings.</source>
        <translation>有効なブラックリストがありません。[ツール] ▸ [設定] で有効にしてください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>system resolver</source>
        <translation>システムのリゾルバー</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking {target} on {n} lists via {via}…</source>
        <translation>{target} を {n} 件のリストで確認しています ({via} 経由)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not checked (cancelled)</source>
        <translation>未確認 (キャンセル)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled: {n} of {total} lists had answered.</source>
        <translation>キャンセルしました: {total} 件中 {n} 件のリストが応答済みでした。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>looked up now, as a fallback: {where}</source>
        <translation>代替手段として今 DNS で参照: {where}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>NDR text: {evidence}</source>
        <translation>NDR の記述: {evidence}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+76"/>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>no — {kind} address</source>
        <translation>いいえ — {kind}アドレス</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>This message names no blocked address, no outbound edge server and no connecting IP a blacklist could list. Type an address to check one.</source>
        <translation>このメッセージには、拒否されたアドレスも、送信 edge サーバーも、ブラックリストに載りうる接続元 IP もありません。確認するにはアドレスを入力してください。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>From this message — {parts}</source>
        <translation>このメッセージから — {parts}</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>No answer</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (in {s:.1f} s)</source>
        <translation> ({s:.1f} 秒)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What to do — {name}: {text}</source>
        <translation>対処方法 — {name}: {text}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not checked</source>
        <translation>未確認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The check failed: {error}</source>
        <translation>確認に失敗しました: {error}</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>{n} lists publish no IPv6 entries and were not asked about IPv6.</source>
        <translation>{n} 件のリストは IPv6 のエントリを公開していないため、IPv6 では照会していません。</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Typed by you</source>
        <translation>入力したアドレス</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../fopegui/ui/kb2590562_wizard.py" line="+63"/>
        <source>Also check the other enabled lists (optional)</source>
        <translation>有効なほかのリストでも確認する (任意)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check again</source>
        <translation>再確認</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%v of %m answered</source>
        <translation>%m 件中 %v 件が応答</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>No answer</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not asked about {ips}: these lists publish no IPv6 data.</source>
        <translation>{ips} は照会していません: これらのリストは IPv6 のデータを公開していません。</translation>
    </message>
</context>
<context>
    <name>CodeChart</name>
    <message>
        <location filename="../../fopegui/ui/triage_chart.py" line="+56"/>
        <source>none recorded</source>
        <translation>記録なし</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No messages yet</source>
        <translation>まだメッセージがありません</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>{label}: {count} messages — click to show only these</source>
        <translation>{label}: {count} 件 — クリックでこれだけを表示</translation>
    </message>
</context>
<context>
    <name>ColumnLayout</name>
    <message>
        <location filename="../../fopegui/ui/triage_columns.py" line="+85"/>
        <source>Show all columns</source>
        <translation>すべての列を表示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset columns</source>
        <translation>列を元に戻す</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../fopegui/ui/submission_wizard.py" line="+93"/>
        <source>Confirm: is this a false positive?</source>
        <translation>確認: 誤検知ですか?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no subject)</source>
        <translation>(件名なし)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message: {subject}</source>
        <translation>メッセージ: {subject}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verdict:</source>
        <translation>判定:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KB2669119 method:</source>
        <translation>KB2669119 の方法:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no (no s)</source>
        <translation>いいえ (s なし)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{raw} — spam filtered: {scanned}; score: {score}</source>
        <translation>{raw} — スパム フィルター処理: {scanned}、スコア: {score}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open: {page}</source>
        <translation>開く: {page}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prepare a submission &amp;anyway (the letter says what the headers show)</source>
        <translation>それでも申請を準備する(&amp;A) (本文にはヘッダーからわかることを記載します)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The fix: {fix}</source>
        <translation>対処: {fix}</translation>
    </message>
</context>
<context>
    <name>DestinationPage</name>
    <message>
        <location filename="../../fopegui/ui/submission_pages.py" line="+68"/>
        <source>Destination</source>
        <translation>送信先</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the draft goes, and what it says.</source>
        <translation>下書きの送信先と内容です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use the KB&apos;s address</source>
        <translation>KB のアドレスを使う</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>optional: your address</source>
        <translation>任意: あなたのアドレス</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The language of the letter, independent of the window&apos;s language.</source>
        <translation>本文の言語です。ウィンドウの表示言語とは別に選べます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>optional: why this is legitimate mail (who sends it, why you expect it)</source>
        <translation>任意: 正当なメールである理由 (送信者、受信を想定している理由)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;To:</source>
        <translation>宛先(&amp;T):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From:</source>
        <translation>差出人(&amp;F):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Letter in:</source>
        <translation>本文の言語(&amp;L):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Subject:</source>
        <translation>件名(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note:</source>
        <translation>補足(&amp;N):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open the Defender Submissions page</source>
        <translation>Defender の [申請] ページを開く</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cannot build the draft: {reason}</source>
        <translation>下書きを作成できません: {reason}</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../fopegui/ui/detail_pane.py" line="+114"/>
        <source>Select a header, a field or a finding to see what it means and what to do.</source>
        <translation>ヘッダー、フィールド、または検出結果を選択すると、その意味と対処方法が表示されます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+77"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+77"/>
        <source>What it is</source>
        <translation>説明</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Decoded fields</source>
        <translation>デコードしたフィールド</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As written in the message</source>
        <translation>メッセージ内の記述</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Severity</source>
        <translation>重要度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not documented; shown as found.</source>
        <translation>文書化されていません。記載どおりに表示しています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What it means</source>
        <translation>意味</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+54"/>
        <source>Why it matters and what to do</source>
        <translation>重要な理由と対処方法</translation>
    </message>
    <message>
        <location line="-58"/>
        <location line="+8"/>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Microsoft documents no meaning for this field; the reading above is not Microsoft&apos;s.</source>
        <translation>Microsoft はこのフィールドの意味を文書化していません。上の解釈は Microsoft によるものではありません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Inferred from observed mail, not from Microsoft&apos;s documentation.</source>
        <translation>Microsoft のドキュメントではなく、実際のメールの観察から推測したものです。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In header</source>
        <translation>ヘッダー</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Headers in this group</source>
        <translation>このグループのヘッダー</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What the .msg file says</source>
        <translation>.msg ファイルの記録内容</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Outlook (MAPI) property</source>
        <translation>Outlook (MAPI) プロパティ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finding ({severity})</source>
        <translation>検出結果 ({severity})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference</source>
        <translation>参照</translation>
    </message>
</context>
<context>
    <name>DiagnosisBanner</name>
    <message>
        <location filename="../../fopegui/ui/banner.py" line="+136"/>
        <source>Report a false positive…</source>
        <translation>誤検知を報告…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Drop .eml or .msg files here, or paste headers.</source>
        <translation>.eml または .msg ファイルをここにドロップするか、ヘッダーを貼り付けてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File ▸ Open (Ctrl+O) or Ctrl+V with header text also work.</source>
        <translation>[ファイル] ▸ [開く] (Ctrl+O) や、ヘッダー テキストの Ctrl+V でも読み込めます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check that the file is an e-mail message (.eml, .msg or header text).</source>
        <translation>ファイルが電子メール メッセージ (.eml、.msg、またはヘッダー テキスト) であることを確認してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The headers do not say how it was filtered.</source>
        <translation>ヘッダーからは、どのようにフィルター処理されたか分かりません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next step: {step}</source>
        <translation>次の手順: {step}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Decided by: {decided_by} · Destination: {destination} · Remedy: {remedy}</source>
        <translation>判定要因: {decided_by} · 配信先: {destination} · 対処: {remedy}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Source: {title}</source>
        <translation>出典: {title}</translation>
    </message>
</context>
<context>
    <name>DnsblChecks</name>
    <message>
        <location filename="../../fopegui/ui/widgets.py" line="+100"/>
        <source>Through this resolver, these lists do not list their own test point 127.0.0.2: {lists}. The resolver hides listings (or the list is down): their answers are shown as unknown, not as clean. Check the resolver in Tools ▸ Settings.</source>
        <translation>このリゾルバー経由では、次のリストが自身のテスト ポイント 127.0.0.2 を掲載と返しません: {lists}。リゾルバーが掲載を隠しています (またはリストが停止しています)。これらの応答は「掲載なし」ではなく「不明」と表示します。ツール ▸ 設定 でリゾルバーを確認してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These lists list the test point 127.0.0.1, which no list may list: {lists}. They answer every query; their listings are not used.</source>
        <translation>次のリストは、どのリストも掲載してはならないテスト ポイント 127.0.0.1 を掲載しています: {lists}。すべての照会に応答するため、掲載の結果は使用しません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These lists answer their test point with an error code: {lists}. {detail}</source>
        <translation>次のリストはテスト ポイントにエラー コードで応答しました: {lists}。{detail}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The test points of these lists could not be checked, so their answers are not used: {lists}. {detail}</source>
        <translation>次のリストはテスト ポイントを確認できなかったため、応答を使用しません: {lists}。{detail}</translation>
    </message>
</context>
<context>
    <name>DnsblResultTable</name>
    <message>
        <location line="+29"/>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IP address</source>
        <translation>IP アドレス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes</source>
        <translation>コード</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meaning</source>
        <translation>意味</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TXT</source>
        <translation>TXT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>応答時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lookup / delisting</source>
        <translation>照会 / 掲載解除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Resolved</source>
        <translation>解決済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No address</source>
        <translation>アドレスなし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DNS lookup of {name}</source>
        <translation>{name} の DNS 参照</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} — rejected your mail (NDR)</source>
        <translation>{name} — メールを拒否したリスト (NDR)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <source>Waiting…</source>
        <translation>待機中…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{ms:.0f} ms</source>
        <translation>{ms:.0f} ミリ秒</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Copy {url}</source>
        <translation>{url} をコピー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy row</source>
        <translation>行をコピー</translation>
    </message>
</context>
<context>
    <name>DocLink</name>
    <message>
        <location filename="../../fopegui/ui/detail_pane.py" line="-155"/>
        <source>Documentation ({site}) ↗</source>
        <translation>ドキュメント ({site}) ↗</translation>
    </message>
</context>
<context>
    <name>EdgePage</name>
    <message>
        <location filename="../../fopegui/ui/kb2590562_pages.py" line="+153"/>
        <source>Outbound edge server:</source>
        <translation>送信 edge サーバー:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Addresses to check:</source>
        <translation>確認するアドレス:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not checked:</source>
        <translation>確認しないもの:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Found in: {o}</source>
        <translation>記載箇所: {o}</translation>
    </message>
</context>
<context>
    <name>ElidedValue</name>
    <message>
        <location filename="../../fopegui/ui/summary_block.py" line="+71"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
</context>
<context>
    <name>GroupModel</name>
    <message>
        <location filename="../../fopegui/ui/triage_model.py" line="+319"/>
        <source>Group</source>
        <translation>グループ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Messages</source>
        <translation>メッセージ数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All messages</source>
        <translation>すべてのメッセージ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
</context>
<context>
    <name>HeaderTreeTab</name>
    <message>
        <location filename="../../fopegui/ui/header_tree.py" line="+214"/>
        <source>Filter headers and values…</source>
        <translation>ヘッダーと値を絞り込み…</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Group by kind</source>
        <translation>種類別にグループ化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group headers by kind, or show them in file order</source>
        <translation>ヘッダーを種類別にまとめるか、ファイル内の順序で表示します</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Copy value</source>
        <translation>値をコピー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy row</source>
        <translation>行をコピー</translation>
    </message>
</context>
<context>
    <name>Kb2590562Wizard</name>
    <message>
        <location filename="../../fopegui/ui/kb2590562_wizard.py" line="+192"/>
        <source>The resolver in Settings is not valid: {e}</source>
        <translation>設定のリゾルバーが正しくありません: {e}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The DNS check failed: {error}</source>
        <translation>DNS の確認に失敗しました: {error}</translation>
    </message>
</context>
<context>
    <name>LetterPage</name>
    <message>
        <location filename="../../fopegui/ui/submission_pages.py" line="+13"/>
        <source>The letter</source>
        <translation>本文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text of the draft, as fopegui reads the headers. Edit it as you like.</source>
        <translation>fopegui がヘッダーから読み取った内容による下書きの本文です。自由に編集できます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Reset to the generated text</source>
        <translation>生成した本文に戻す(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edited by hand: changes on the previous page no longer reach this text.</source>
        <translation>手動で編集済みです。前のページでの変更はこの本文に反映されません。</translation>
    </message>
</context>
<context>
    <name>Loader</name>
    <message>
        <location filename="../../fopegui/ui/loader.py" line="+76"/>
        <source>Analysis engine unavailable: {e}</source>
        <translation>解析エンジンを使用できません: {e}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+47"/>
        <source>Internal error while analysing this file: {e}</source>
        <translation>このファイルの解析中に内部エラーが発生しました: {e}</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Internal error while analysing the pasted text: {e}</source>
        <translation>貼り付けたテキストの解析中に内部エラーが発生しました: {e}</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <location filename="../../fopegui/ui/kb2590562_pages.py" line="+77"/>
        <source>Looking up {host}…</source>
        <translation>{host} を参照しています…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Addresses to check: {ips}</source>
        <translation>確認するアドレス: {ips}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fopegui/ui/window_layout.py" line="+125"/>
        <source>Headers</source>
        <translation>ヘッダー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>配信経路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw</source>
        <translation>ソース</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blacklist</source>
        <translation>ブラックリスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reputation</source>
        <translation>送信者評価</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading %v of %m</source>
        <translation>読み込み中 %v / %m</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../fopegui/ui/window_actions.py" line="+77"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Paste &amp;headers…</source>
        <translation>ヘッダーを貼り付け(&amp;H)…</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Open folder / &amp;mailbox…</source>
        <translation>フォルダー/メールボックスを開く(&amp;M)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open &amp;recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;attached message</source>
        <translation>添付メッセージを開く(&amp;A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Close message</source>
        <translation>メッセージを閉じる(&amp;C)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Paste</source>
        <translation>貼り付け(&amp;P)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&amp;Remove from list</source>
        <translation>一覧から削除(&amp;R)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Next tab</source>
        <translation>次のタブ(&amp;N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pre&amp;vious tab</source>
        <translation>前のタブ(&amp;V)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System</source>
        <translation>システムの設定に従う</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Drop .eml or .msg files (or a folder) on the message list, use File ▸ Open, or paste header text with Ctrl+V.

The banner says whether the filter treated the message as spam and which method of KB2669119 applies:
  1 — an Advanced Spam Filtering option fired (X-CustomSpam): turn it off;
  2 — content filtering: submit the message as a false positive;
  3 — a policy rule or a block list: adjust the rule.

Headers: every header, decoded fields coloured by severity; select a row for its explanation. Received: the route, slow hops, clock skew and the outbound edge server (KB2590562). Raw: the original header text (Ctrl+F to find). Blacklist: check the outbound or sending server against DNS blacklists. Reputation: check the sending server&apos;s reverse DNS, HELO and blacklists now.

Tools ▸ NDR from a blacklist… walks through KB2590562; Tools ▸ Report a false positive… prepares the submission of KB2669119 Method 2.

Tab and Shift+Tab move between the message list, the banner, the tabs, the header tree and the detail pane.</source>
        <translation>.eml または .msg ファイル (またはフォルダー) をメッセージ一覧にドロップするか、[ファイル] ▸ [開く] を使うか、Ctrl+V でヘッダー テキストを貼り付けます。

バナーには、フィルターがメッセージをスパムとして扱ったかどうかと、KB2669119 のどの方法が該当するかが表示されます:
  1 — 追加スパム フィルター (ASF) オプションが一致 (X-CustomSpam): そのオプションを無効にします。
  2 — コンテンツ フィルター: 誤検知としてメッセージを申請します。
  3 — ポリシー ルールまたは禁止リスト: ルールを見直します。

[ヘッダー]: すべてのヘッダーと、重要度で色分けしたデコード済みフィールド。行を選択すると説明が表示されます。[配信経路]: 経路、遅いホップ、時刻のずれ、送信 edge サーバー (KB2590562)。[ソース]: 元のヘッダー テキスト (Ctrl+F で検索)。[ブラックリスト]: 送信 edge サーバーまたは送信サーバーを DNS ブラックリストで確認します。[送信者評価]: 送信サーバーの逆引き DNS、HELO、ブラックリストを今すぐ確認します。

[ツール] ▸ [ブラックリストによる NDR…] で KB2590562 の手順を進められます。[ツール] ▸ [誤検知を報告…] で KB2669119 方法 2 の申請を準備します。

Tab キーと Shift+Tab キーで、メッセージ一覧、バナー、タブ、ヘッダー ツリー、詳細ペインの間を移動します。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Menu entry</source>
        <translation>メニュー項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Keys:</source>
        <translation>キー:</translation>
    </message>
    <message>
        <location line="-190"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&amp;Group headers by kind</source>
        <translation>ヘッダーを種類別にグループ化(&amp;G)</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fopegui &amp;help</source>
        <translation>fopegui ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About fopegui</source>
        <translation>fopegui について(&amp;A)</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>NDR from a &amp;blacklist…</source>
        <translation>ブラックリストによる NDR(&amp;B)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report a &amp;false positive…</source>
        <translation>誤検知を報告(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../fopegui/ui/window_loading.py" line="+58"/>
        <source>Open messages</source>
        <translation>メッセージを開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages (*.eml *.msg *.txt);;Mailboxes (*.mbox *.mbx *.pst *.ost);;All files (*)</source>
        <translation>メッセージ (*.eml *.msg *.txt);;メールボックス (*.mbox *.mbx *.pst *.ost);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>… and {n} more</source>
        <translation>… ほか {n} 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not load 1 file:</source>
        <translation>1 個のファイルを読み込めませんでした:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not load {n} files:</source>
        <translation>{n} 個のファイルを読み込めませんでした:</translation>
    </message>
    <message>
        <location filename="../../fopegui/ui/window_layout.py" line="+24"/>
        <source>EML file</source>
        <translation>EML ファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlook MSG</source>
        <translation>Outlook MSG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pasted text</source>
        <translation>貼り付けたテキスト</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SHA-256 {prefix}…</source>
        <translation>SHA-256 {prefix}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parsed in {ms:.1f} ms</source>
        <translation>解析時間 {ms:.1f} ミリ秒</translation>
    </message>
    <message>
        <location filename="../../fopegui/ui/window_actions.py" line="+236"/>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Original message returned by the bounce</source>
        <translation>配信不能レポートで返された元のメッセージ</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>fopegui help</source>
        <translation>fopegui ヘルプ</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../fopegui/ui/message_bar.py" line="+29"/>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>MessageListView</name>
    <message>
        <location filename="../../fopegui/ui/message_list.py" line="+140"/>
        <source>Drop .eml or .msg files here

or use File ▸ Open (Ctrl+O)
or paste headers (Ctrl+V)</source>
        <translation>.eml または .msg ファイルをここにドロップ

または [ファイル] ▸ [開く] (Ctrl+O)
またはヘッダーを貼り付け (Ctrl+V)</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../fopegui/ui/models.py" line="+61"/>
        <source>(pasted headers)</source>
        <translation>(貼り付けたヘッダー)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>From</source>
        <translation>差出人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>FOPE / EOP anti-spam</source>
        <translation>FOPE / EOP スパム対策</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication</source>
        <translation>認証</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Routing</source>
        <translation>経路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange housekeeping</source>
        <translation>Exchange 管理用ヘッダー</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>(not documented)</source>
        <translation>(文書化されていません)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{meaning} (inferred)</source>
        <translation>{meaning} (推測)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{n} properties</source>
        <translation>{n} 個のプロパティ</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Header / field</source>
        <translation>ヘッダー / フィールド</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meaning</source>
        <translation>意味</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>{n} headers</source>
        <translation>{n} 個のヘッダー</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>1 header</source>
        <translation>1 個のヘッダー</translation>
    </message>
    <message>
        <location filename="../../fopegui/ui/received_model.py" line="+36"/>
        <source>{s:.0f} s</source>
        <translation>{s:.0f} 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{h} h {m} min</source>
        <translation>{h} 時間 {m} 分</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>local, {offset}</source>
        <translation>ローカル、{offset}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>outbound edge</source>
        <translation>送信 edge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>inbound</source>
        <translation>受信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outbound</source>
        <translation>送信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hub</source>
        <translation>ハブ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Time ({zone})</source>
        <translation>時刻 ({zone})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hop</source>
        <translation>ホップ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <comment>Received hop: the host that sent it</comment>
        <translation>送信元 (from)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>受信側 (by)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With</source>
        <translation>方式 (with)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delay</source>
        <translation>遅延</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FOPE / EOP</source>
        <translation>FOPE / EOP</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Timed before the previous hop: the two servers&apos; clocks disagree.</source>
        <translation>前のホップより前の時刻です。2 台のサーバーの時計がずれています。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Slow hop: the message waited here for a while.</source>
        <translation>遅いホップ: メッセージはここでしばらく待機しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As written: {time}</source>
        <translation>記載どおり: {time}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The FOPE/EOP outbound edge server: the host the recipient&apos;s server saw, so the address a blacklist would list (KB2590562).</source>
        <translation>FOPE/EOP の送信 edge サーバー: 受信者のサーバーから見えたホストであり、ブラックリストに掲載されるのはこのアドレスです (KB2590562)。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>(clock skew)</source>
        <translation>(時刻のずれ)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(clock drift)</source>
        <translation>(時計の誤差)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(slow)</source>
        <translation>(遅延)</translation>
    </message>
</context>
<context>
    <name>OutputPage</name>
    <message>
        <location filename="../../fopegui/ui/submission_pages.py" line="+45"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new message with the original attached unchanged.</source>
        <translation>元のメッセージを変更せずに添付した新しいメッセージです。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save draft…</source>
        <translation>下書きを保存(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open in mail program</source>
        <translation>メール ソフトで開く(&amp;O)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open the Defender Submissions page</source>
        <translation>Defender の [申請] ページを開く</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the mailbox the message was sent to</source>
        <translation>メッセージの宛先のメールボックス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;Graph request…</source>
        <translation>Graph 要求を保存(&amp;G)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Recipient:</source>
        <translation>受信者(&amp;R):</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>To: {to}
Subject: {subject}
Attachment: {name} ({size} bytes)
Draft: {draft_size} bytes</source>
        <translation>宛先: {to}
件名: {subject}
添付ファイル: {name} ({size} バイト)
下書き: {draft_size} バイト</translation>
    </message>
</context>
<context>
    <name>PasteDialog</name>
    <message>
        <location filename="../../fopegui/ui/paste_dialog.py" line="+20"/>
        <source>Paste headers</source>
        <translation>ヘッダーの貼り付け</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste the message headers (in Outlook: File ▸ Properties ▸ Internet headers; in Exchange Online: the message trace or Message Header Analyzer).</source>
        <translation>メッセージ ヘッダーを貼り付けてください (Outlook: [ファイル] ▸ [プロパティ] ▸ [インターネット ヘッダー]、Exchange Online: メッセージ追跡または Message Header Analyzer)。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Analyse</source>
        <translation>解析</translation>
    </message>
</context>
<context>
    <name>RawTab</name>
    <message>
        <location filename="../../fopegui/ui/raw_tab.py" line="+48"/>
        <source>This .msg has no transport headers (PR_TRANSPORT_MESSAGE_HEADERS).</source>
        <translation>この .msg には転送ヘッダー (PR_TRANSPORT_MESSAGE_HEADERS) がありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlook stores none for a draft, a sent item or a message created in it.</source>
        <translation>下書き、送信済みアイテム、Outlook で作成したメッセージには Outlook は転送ヘッダーを保存しません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the file says about the message instead:</source>
        <translation>代わりに、ファイルに記録されているメッセージの情報:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Find in headers</source>
        <translation>ヘッダー内を検索</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Match case</source>
        <translation>大文字と小文字を区別する</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Find:</source>
        <translation>検索:</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
</context>
<context>
    <name>ReceivedTab</name>
    <message>
        <location filename="../../fopegui/ui/received_tab.py" line="+111"/>
        <source>Select a hop to see its Received header.</source>
        <translation>ホップを選択すると、その Received ヘッダーが表示されます。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Times in UTC</source>
        <translation>時刻を UTC で表示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times in local time</source>
        <translation>時刻をローカル時刻で表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every hop&apos;s time in one zone, whatever zone each server wrote it in</source>
        <translation>各サーバーがどのタイム ゾーンで記録していても、すべてのホップの時刻を 1 つのタイム ゾーンで表示します</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The hops&apos; times do not give a delivery time.</source>
        <translation>ホップの時刻から配信時間を求められません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total delivery time: {total} (hop {first} to hop {last}).</source>
        <translation>配信にかかった時間の合計: {total} (ホップ {first} からホップ {last} まで)。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All hops on {day} ({zone}).</source>
        <translation>すべてのホップの時刻は {day} ({zone}) です。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Some servers&apos; clocks disagree (hatched bars), so this is approximate.</source>
        <translation>一部のサーバーの時計がずれている (斜線のバー) ため、この値はおおよそです。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This message has no Received headers.</source>
        <translation>このメッセージには Received ヘッダーがありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No FOPE/EOP outbound edge server in this chain. Hop 1 is the oldest; rows in amber are slow hops or clock skew.</source>
        <translation>この経路には FOPE/EOP の送信 edge サーバーがありません。ホップ 1 が最も古く、黄色の行は遅いホップか時刻のずれです。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Outbound edge server: {host}{ip} (hop {hop}). This is the host the recipient&apos;s server saw, so it is the address a blacklist would list (KB2590562).</source>
        <translation>送信 edge サーバー: {host}{ip} (ホップ {hop})。受信者のサーバーから見えたホストであり、ブラックリストに掲載されるのはこのアドレスです (KB2590562)。</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <location filename="../../fopegui/ui/export.py" line="+71"/>
        <source>&amp;Export report…</source>
        <translation>レポートのエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print…</source>
        <translation>印刷(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print pre&amp;view…</source>
        <translation>印刷プレビュー(&amp;V)…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>HTML report (*.html *.htm)</source>
        <translation>HTML レポート (*.html *.htm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+81"/>
        <source>Export report</source>
        <translation>レポートのエクスポート</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>{path} is one of the messages themselves; it is never overwritten.</source>
        <translation>{path} は読み込んだメッセージ自体のファイルです。上書きはしません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write {path}: {reason}</source>
        <translation>{path} に書き込めません: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report saved to {path}</source>
        <translation>レポートを {path} に保存しました</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Print report</source>
        <translation>レポートの印刷</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Print preview</source>
        <translation>印刷プレビュー</translation>
    </message>
</context>
<context>
    <name>Reputation</name>
    <message>
        <location filename="../../fopegui/ui/reputation_view.py" line="+73"/>
        <source>Received header, hop {hop}</source>
        <translation>Received ヘッダー (ホップ {hop})</translation>
    </message>
</context>
<context>
    <name>ReputationView</name>
    <message>
        <location line="+113"/>
        <source>Connecting IP:</source>
        <translation>接続元 IP:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HELO / EHLO name:</source>
        <translation>HELO / EHLO 名:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reverse DNS recorded:</source>
        <translation>記録された逆引き DNS:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finding</source>
        <translation>検出結果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At delivery time (recorded in the headers)</source>
        <translation>配信時 (ヘッダーに記録された情報)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Check &amp;now</source>
        <translation>今すぐ確認(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Check</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>確認日時</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checked now (live DNS)</source>
        <translation>現在 (ライブ DNS で確認)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{value}   (from {origin})</source>
        <translation>{value}   (取得元: {origin})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not checked yet: nothing is sent over the network until you click Check now.</source>
        <translation>まだ確認していません: [今すぐ確認] をクリックするまで、ネットワークには何も送信しません。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Check the resolver in Settings: {reason}</source>
        <translation>設定のリゾルバーを確認してください: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the system resolver</source>
        <translation>システムのリゾルバー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{servers} (port {port})</source>
        <translation>{servers} (ポート {port})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking {ip} with {resolver}…</source>
        <translation>{ip} を {resolver} で確認しています…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checked at {time}. {note}</source>
        <translation>{time} に確認しました。{note}</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+22"/>
        <source>checked now ({time})</source>
        <translation>今回確認 ({time})</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+22"/>
        <source>not tested</source>
        <translation>未テスト</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Neither of them was among the lists checked now: enable them in Settings to cover open proxies.</source>
        <translation>今回確認したリストにはどちらも含まれていません。オープン プロキシも確認するには、設定でこれらを有効にしてください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Listed</source>
        <translation>掲載</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not listed</source>
        <translation>掲載なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The check failed: {reason}</source>
        <translation>確認に失敗しました: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled: nothing was checked.</source>
        <translation>キャンセルしました: 何も確認していません。</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../fopegui/ui/kb2590562_wizard.py" line="-189"/>
        <source>Copy message</source>
        <translation>メッセージをコピー</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Message for the recipient&apos;s administrator, in</source>
        <translation>受信者側の管理者へのメッセージ (言語):</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../fopegui/ui/settings_dialog.py" line="+74"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Blacklists</source>
        <translation>ブラックリスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>全般</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>On</source>
        <translation>有効</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zone</source>
        <translation>ゾーン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolver test</source>
        <translation>リゾルバーのテスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>your.zone.example</source>
        <translation>your.zone.example</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add zone</source>
        <translation>ゾーンを追加</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+139"/>
        <source>Remove zone</source>
        <translation>ゾーンを削除</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Your own zone:</source>
        <translation>独自のゾーン:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server (IP or IP:PORT):</source>
        <translation>このサーバー (IP または IP:ポート):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Test resolver</source>
        <translation>リゾルバーをテスト</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Resolver:</source>
        <translation>リゾルバー:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timeout per question:</source>
        <translation>照会ごとのタイムアウト:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline for a whole check:</source>
        <translation>確認全体の制限時間:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Many lists refuse public resolvers (Google, Cloudflare …) and answer them with error codes: use your own resolver, and run the test to see which lists you can trust from here.</source>
        <translation>多くのリストはパブリック リゾルバー (Google、Cloudflare など) からの照会を拒否し、エラー コードで応答します。自前のリゾルバーを使い、テストを実行して、この環境から信頼できるリストを確認してください。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System</source>
        <translation>システムの設定に従う</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The window switches when you press OK (also in View ▸ Language).</source>
        <translation>[OK] を押すとウィンドウの表示が切り替わります ([表示] ▸ [言語] でも変更できます)。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Check this list</source>
        <translation>このリストで確認する</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>your own zone</source>
        <translation>独自のゾーン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dead — off by default</source>
        <translation>停止 — 既定で無効</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>alive</source>
        <translation>稼働中</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Switch off list</source>
        <translation>リストをオフにする</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>“{zone}” is not a DNS zone name (such as bl.example.org): a blacklist is asked by name, not by IP address.</source>
        <translation>「{zone}」は DNS ゾーン名 (bl.example.org など) ではありません。ブラックリストは IP アドレスではなく名前で照会します。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Built-in lists are switched off, not removed: {names} will not be asked. Tick it again to switch it back on.</source>
        <translation>組み込みのリストは削除されず、オフになります: {names} は照会しません。再びオンにするにはチェックを入れてください。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Type the resolver&apos;s IP address, or choose the system one.</source>
        <translation>リゾルバーの IP アドレスを入力するか、システムの既定を選択してください。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{server} is a public resolver ({operator}). {lists} refuse queries from public resolvers: through it their answers are errors or nothing, never a result. Use your own resolver for these lists.</source>
        <translation>{server} はパブリック リゾルバー ({operator}) です。{lists} はパブリック リゾルバーからの照会を拒否します: このリゾルバー経由ではエラーか無応答になり、結果は得られません。これらのリストには自前のリゾルバーを使ってください。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Press OK again to save it anyway.</source>
        <translation>それでも保存する場合は、もう一度 OK を押してください。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Turn on at least one list to test.</source>
        <translation>テストするリストを 1 つ以上有効にしてください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Testing {n} lists…</source>
        <translation>{n} 件のリストをテストしています…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>trustworthy</source>
        <translation>信頼できる</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>untrustworthy</source>
        <translation>信頼できない</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>can&apos;t tell</source>
        <translation>判断できない</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{ok} trustworthy, {bad} untrustworthy, {unknown} can&apos;t tell.</source>
        <translation>信頼できる: {ok} 件、信頼できない: {bad} 件、判断できない: {unknown} 件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>test point not listed (hides listings)</source>
        <translation>テスト ポイントが掲載なし (掲載を隠している)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lists everything</source>
        <translation>すべてを掲載</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refuses this resolver</source>
        <translation>このリゾルバーを拒否</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer to the test points</source>
        <translation>テスト ポイントに応答なし</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The test failed: {error}</source>
        <translation>テストに失敗しました: {error}</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <location filename="../../fopegui/ui/severity.py" line="+43"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Information</source>
        <translation>情報</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <location filename="../../fopegui/ui/kb2590562_pages.py" line="-233"/>
        <source>A file:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open NDR or message…</source>
        <translation>NDR またはメッセージを開く…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The edge server&apos;s host name (message trace):</source>
        <translation>edge サーバーのホスト名 (メッセージ追跡):</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The selected message: {name}</source>
        <translation>選択中のメッセージ: {name}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open NDR or message</source>
        <translation>NDR またはメッセージを開く</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Messages (*.eml *.msg *.txt)</source>
        <translation>メッセージ (*.eml *.msg *.txt)</translation>
    </message>
</context>
<context>
    <name>SubmissionWizard</name>
    <message>
        <location filename="../../fopegui/ui/submission_wizard.py" line="+37"/>
        <source>Report a false positive</source>
        <translation>誤検知の報告</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Save the false-positive draft</source>
        <translation>誤検知の下書きを保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail message (*.eml)</source>
        <translation>電子メール メッセージ (*.eml)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Save the Microsoft Graph request</source>
        <translation>Microsoft Graph 要求の保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Saved to {path}. Nothing was sent: run it as an administrator.</source>
        <translation>{path} に保存しました。何も送信していません。管理者として実行してください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{path} is the original message; it is never overwritten.</source>
        <translation>{path} は元のメッセージです。上書きはしません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write {path}: {reason}</source>
        <translation>{path} に書き込めません: {reason}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Neither the draft nor a Graph request has been saved. Close the wizard and discard them?</source>
        <translation>下書きも Graph 要求も保存されていません。ウィザードを閉じて破棄しますか?</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Saved to {path}. Open it in Outlook (or another mail program), check it and send it.</source>
        <translation>{path} に保存しました。Outlook などのメール ソフトで開き、内容を確認して送信してください。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No mail program opened {path}; open the file from your mail program.</source>
        <translation>{path} を開くメール ソフトがありませんでした。メール ソフトからファイルを開いてください。</translation>
    </message>
</context>
<context>
    <name>SummaryBlock</name>
    <message>
        <location filename="../../fopegui/ui/summary_block.py" line="+60"/>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>差出人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>宛先</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message-ID</source>
        <translation>Message-ID</translation>
    </message>
</context>
<context>
    <name>TriageExport</name>
    <message>
        <location filename="../../fopegui/ui/triage_export.py" line="+18"/>
        <source>Not exported: {file} is one of the inputs.</source>
        <translation>エクスポートしませんでした: {file} は入力ファイルの 1 つです。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not export to {file}: {reason}</source>
        <translation>{file} にエクスポートできませんでした: {reason}</translation>
    </message>
</context>
<context>
    <name>TriageWindow</name>
    <message>
        <location filename="../../fopegui/ui/triage_view.py" line="+173"/>
        <source>Open &amp;folder…</source>
        <translation>フォルダーを開く(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;mailbox file…</source>
        <translation>メールボックス ファイルを開く(&amp;M)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An mbox file, an Outlook .pst/.ost, or one message</source>
        <translation>mbox ファイル、Outlook の .pst/.ost、または 1 通のメッセージ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter: any text in a row (sender, subject, IP, code…)</source>
        <translation>フィルター: 行内の任意の文字列 (差出人、件名、IP、コード…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No grouping</source>
        <translation>グループ化しない</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sending IP</source>
        <translation>送信元 IP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From domain</source>
        <translation>差出人ドメイン</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV にエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Group by:</source>
        <translation>グループ化:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the run; the rows read so far stay (Esc)</source>
        <translation>実行を中止します。それまでに読んだ行は残ります (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What decided (click a bar to filter)</source>
        <translation>判定元 (バーをクリックで絞り込み)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do</source>
        <translation>対処</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop a folder, an mbox file or a .pst here, or open one with the buttons above.</source>
        <translation>フォルダー、mbox ファイル、.pst をここにドロップするか、上のボタンで開いてください。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open a folder of messages</source>
        <translation>メッセージのフォルダーを開く</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open mailbox files</source>
        <translation>メールボックス ファイルを開く</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mailboxes (*.mbox *.mbx *.pst *.ost);;All files (*)</source>
        <translation>メールボックス (*.mbox *.mbx *.pst *.ost);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The run stopped: {reason}</source>
        <translation>処理が停止しました: {reason}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{n} messages</source>
        <translation>{n} 件のメッセージ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, {n} could not be read</source>
        <translation>、{n} 件は読み取れませんでした</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {n} shown</source>
        <translation>; {n} 件を表示中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (cancelled)</source>
        <translation> (キャンセルしました)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Export the rows shown as CSV</source>
        <translation>表示中の行を CSV にエクスポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exported {n} rows to {file}</source>
        <translation>{n} 行を {file} にエクスポートしました</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Triage</source>
        <translation>一括判定</translation>
    </message>
</context>
</TS>
