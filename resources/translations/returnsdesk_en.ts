<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>App</name>
    <message>
        <source>退货拆包台</source>
        <translation>ReturnsDesk</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>谁 (用户名)</source>
        <translation>Who (user name)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>包裹编号</source>
        <translation>Parcel no.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>工位</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>{n} 条记录</source>
        <translation>{n} records</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>上周</source>
        <translation>Last week</translation>
    </message>
    <message>
        <source>这两周均无登记</source>
        <translation>Nothing registered in either week</translation>
    </message>
</context>
<context>
    <name>BenchController</name>
    <message>
        <source>刚登记的标签: 纸条 {0}</source>
        <translation>Label just registered: slip {0}</translation>
    </message>
    <message>
        <source>所选包裹的标签</source>
        <translation>Label of the selected parcel</translation>
    </message>
</context>
<context>
    <name>BenchView</name>
    <message>
        <source>扫描快递单号 (或输入后回车; 空回车 = 登记)</source>
        <translation>Scan or type a waybill + Enter (empty Enter registers)</translation>
    </message>
    <message>
        <source>买家与订单</source>
        <translation>Buyer and order</translation>
    </message>
    <message>
        <source>旺旺名</source>
        <translation>Wangwang ID</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>买家原因</source>
        <translation>Buyer&apos;s reason</translation>
    </message>
    <message>
        <source>客服</source>
        <translation>CS agent</translation>
    </message>
    <message>
        <source>发货仓</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <source>收货人</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>订单商品</source>
        <translation>Order items</translation>
    </message>
    <message>
        <source>没有匹配</source>
        <translation>No match</translation>
    </message>
    <message>
        <source>输入纸条上的旺旺名, 或按电话/姓名/城市搜索</source>
        <translation>Type the Wangwang ID from the slip, or search by phone, name or city</translation>
    </message>
    <message>
        <source>商品: 扫条码或输入款号</source>
        <translation>Item: scan or type the model</translation>
    </message>
    <message>
        <source>旺旺名 / 电话 / 后四位 / 姓名 / 城市</source>
        <translation>Wangwang ID / phone / last 4 digits / name / city</translation>
    </message>
    <message>
        <source>空回车 登记 · Esc 取消(保留) · F2 拒收 · F3/F4 接收 · F5 到付 · F6 换 · F7 补 · F8 无信息件 · F9 复制 · F10 钱款 · F11 外包装破损 · F12 重打 · Ctrl+N 下一件 · Ctrl+Del 删除 · Ctrl+B 换区域 · Ctrl+P 拍照 · Ctrl+1 空包 · Ctrl+2 调包 · Ctrl+3 少件 · Ctrl+4 非本店 · Alt+1…9 订单行 · Ctrl+T 今日列表</source>
        <translation>Enter register · Esc set aside · F2 refuse · F3/F4 accept · F5 collect · F6 exchange · F7 reissue · F8 no-info · F9 copy · F10 money · F11 packaging · F12 reprint · Ctrl+N next · Ctrl+Del remove · Ctrl+B bin · Ctrl+P photo · Ctrl+1 empty · Ctrl+2 swapped · Ctrl+3 short · Ctrl+4 not ours · Alt+1…9 line · Ctrl+T today</translation>
    </message>
    <message>
        <source>无信息件 (查不到信息)</source>
        <translation>No-info parcel (nothing found)</translation>
    </message>
    <message>
        <source>寄件人</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>寄出城市</source>
        <translation>Sender city</translation>
    </message>
    <message>
        <source>包裹内容</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>登记无信息件 (回车)</source>
        <translation>Register no-info parcel (Enter)</translation>
    </message>
    <message>
        <source>刚登记的标签</source>
        <translation>Label just registered</translation>
    </message>
    <message>
        <source>本件配件 (如 鞋垫), 回车</source>
        <translation>Accessories, e.g. insole</translation>
    </message>
    <message>
        <source>换成 / 补发 (F6 换 / F7 补), 如 W6</source>
        <translation>Exchange/reissue to, e.g. W6</translation>
    </message>
    <message>
        <source>收到的商品</source>
        <translation>Items received</translation>
    </message>
    <message>
        <source>退回原因 (按键选择)</source>
        <translation>Return reason (press a key)</translation>
    </message>
    <message>
        <source>产品好坏 (按键选择)</source>
        <translation>Condition (press a key)</translation>
    </message>
    <message>
        <source>F10 邮费/现金, 如: 邮费 10 或 现金 50</source>
        <translation>F10 money found, e.g. postage 10 or cash 50</translation>
    </message>
    <message>
        <source>外包装破损 (F11)</source>
        <translation>Outer packaging damaged (F11)</translation>
    </message>
    <message>
        <source>到付 (F5)</source>
        <translation>Freight collect (F5)</translation>
    </message>
    <message>
        <source>登记 (回车)</source>
        <translation>Register (Enter)</translation>
    </message>
</context>
<context>
    <name>BenchWindow</name>
    <message>
        <source>退货拆包台 — {0} · {1}</source>
        <translation>ReturnsDesk — {0} · {1}</translation>
    </message>
    <message>
        <source>现在由 {0} 登记</source>
        <translation>{0} is registering now</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>导入订单/退款/商品…</source>
        <translation>Import orders/refunds/catalog…</translation>
    </message>
    <message>
        <source>打印机设置…</source>
        <translation>Printer settings…</translation>
    </message>
    <message>
        <source>摄像头设置…</source>
        <translation>Camera settings…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>窗口(&amp;W)</source>
        <translation>&amp;Window</translation>
    </message>
    <message>
        <source>补发单台</source>
        <translation>Reshipment desk</translation>
    </message>
    <message>
        <source>主管视图</source>
        <translation>Lead&apos;s view</translation>
    </message>
    <message>
        <source>打印队列</source>
        <translation>Print queue</translation>
    </message>
    <message>
        <source>有 {0} 个无信息件超过一天未跟进 (主管视图)</source>
        <translation>{0} no-info parcels untouched for over a day (lead&apos;s view)</translation>
    </message>
    <message>
        <source>准备就绪: 请扫描快递单号</source>
        <translation>Ready: scan a tracking number</translation>
    </message>
    <message>
        <source>演示店: 扫描或输入这些号码</source>
        <translation>Demo shop: scan or type these numbers</translation>
    </message>
    <message>
        <source>练习单 (全部号码和扫码指令): {0}</source>
        <translation>Practice sheet (every number and the command codes): {0}</translation>
    </message>
</context>
<context>
    <name>BuyerSearch</name>
    <message>
        <source>按纸条上的旺旺名登记: {0}</source>
        <translation>Registering by the Wangwang ID on the slip: {0}</translation>
    </message>
    <message>
        <source>请输入旺旺名, 或 F8 登记无信息件</source>
        <translation>Type the Wangwang ID, or F8 for a no-info parcel</translation>
    </message>
    <message>
        <source>请用 ↑↓ 选择一行再回车 (↑: 按纸条上的旺旺名登记)</source>
        <translation>Choose a row with ↑↓, then Enter (↑: register the Wangwang ID on the slip)</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>摄像头不可用</source>
        <translation>Camera unavailable</translation>
    </message>
</context>
<context>
    <name>CameraSettingsDialog</name>
    <message>
        <source>摄像头设置</source>
        <translation>Camera settings</translation>
    </message>
    <message>
        <source>(不录像)</source>
        <translation>(no recording)</translation>
    </message>
    <message>
        <source>测试画面 (test)</source>
        <translation>Test picture (test)</translation>
    </message>
    <message>
        <source>设备号、设备名或 rtsp:// 地址</source>
        <translation>Device number, device name or rtsp:// address</translation>
    </message>
    <message>
        <source>保存后, 下次打开拆包台时使用这个摄像头。</source>
        <translation>Once saved, the bench records with this camera from its next start.</translation>
    </message>
    <message>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>本工位不录像</source>
        <translation>This station does not record</translation>
    </message>
    <message>
        <source>正在打开 {0}…</source>
        <translation>Opening {0}…</translation>
    </message>
    <message>
        <source>摄像头不可用: {0}</source>
        <translation>Camera unavailable: {0}</translation>
    </message>
    <message>
        <source>画面正常: {0}</source>
        <translation>Picture OK: {0}</translation>
    </message>
</context>
<context>
    <name>ClaimsTab</name>
    <message>
        <source>举证包 (E)</source>
        <translation>Packet (E)</translation>
    </message>
    <message>
        <source>请先选择一个包裹</source>
        <translation>Select a parcel first</translation>
    </message>
    <message>
        <source>{n} 个索赔包裹</source>
        <translation>{n} parcels to claim</translation>
    </message>
</context>
<context>
    <name>DayCloseTab</name>
    <message>
        <source>运单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>扫描时间</source>
        <translation>Scanned at</translation>
    </message>
    <message>
        <source>登记员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>工位</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>有未登记包裹或未交接款项也日结</source>
        <translation>Close even with unregistered parcels or money not handed over</translation>
    </message>
    <message>
        <source>日结并打印日报</source>
        <translation>Close the day and print the day sheet</translation>
    </message>
    <message>
        <source>原因 (强制日结有未交接款项、或重新打开时必填)</source>
        <translation>Reason (needed to force a close with money open, or to reopen)</translation>
    </message>
    <message>
        <source>重新打开这一天</source>
        <translation>Reopen this day</translation>
    </message>
    <message>
        <source>日期:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>未登记的包裹:</source>
        <translation>Unregistered parcels:</translation>
    </message>
    <message>
        <source>包裹 {n} 个: 已登记 {r}, 无信息件 {i}, 拒收 {x}, 未登记 {u}</source>
        <translation>{n} parcels: {r} registered, {i} no-info, {x} refused, {u} unregistered</translation>
    </message>
    <message>
        <source>商品 {n} 件: {bins}</source>
        <translation>{n} items: {bins}</translation>
    </message>
    <message>
        <source>款项 {total} 元 ({money}), 待交接 {p} 元</source>
        <translation>Money {total} yuan ({money}), {p} yuan to hand over</translation>
    </message>
    <message>
        <source>已日结: {who} {at}</source>
        <translation>Day closed: {who} {at}</translation>
    </message>
    <message>
        <source>{day} 已日结</source>
        <translation>{day} closed</translation>
    </message>
    <message>
        <source>, 日报已加入打印队列</source>
        <translation>, day sheet sent to the print queue</translation>
    </message>
    <message>
        <source>{day} 已重新打开</source>
        <translation>{day} reopened</translation>
    </message>
</context>
<context>
    <name>DistributionTab</name>
    <message>
        <source>{n} 个分销件</source>
        <translation>{n} distribution parcels</translation>
    </message>
</context>
<context>
    <name>FloorTab</name>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>签收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>这一天还没有包裹</source>
        <translation>No parcels on this day yet</translation>
    </message>
    <message>
        <source>小时</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>拒收</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>搁置</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <source>待登记</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>包裹</source>
        <translation>Parcels</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>中位(分)</source>
        <translation>Median (min)</translation>
    </message>
    <message>
        <source>P90(分)</source>
        <translation>P90 (min)</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>运单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <source>工位</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>扫描</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <source>已等(分)</source>
        <translation>Waiting (min)</translation>
    </message>
    <message>
        <source>退款编号</source>
        <translation>Refund no.</translation>
    </message>
    <message>
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>剩余(时)</source>
        <translation>Left (h)</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Slip</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>自</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>登录人</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>登录时间</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>最后包裹</source>
        <translation>Last parcel</translation>
    </message>
    <message>
        <source>扫描→面板 P50/P95 (ms)</source>
        <translation>Scan→panel P50/P95 (ms)</translation>
    </message>
    <message>
        <source>登记→就绪 P50/P95 (ms)</source>
        <translation>Register→ready P50/P95 (ms)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>待登记超过</source>
        <translation>Waiting longer than</translation>
    </message>
    <message>
        <source>按小时</source>
        <translation>By hour</translation>
    </message>
    <message>
        <source>登记员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>各登记员</source>
        <translation>Clerks</translation>
    </message>
    <message>
        <source>工位: 谁在哪里</source>
        <translation>Stations: who is where</translation>
    </message>
    <message>
        <source>待登记包裹</source>
        <translation>Parcels waiting to be registered</translation>
    </message>
    <message>
        <source>退款 (24 小时时限)</source>
        <translation>Refunds (24-hour limit)</translation>
    </message>
    <message>
        <source>补发单: 待打印 / 已打印未发货</source>
        <translation>Reship slips: to print / printed, not shipped</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>签收 %1 · 登记 %2 · 拒收 %3 · 待登记 %4 (超时 %5) · 退款待审 %6 (不足2小时 %7)</source>
        <translation>Received %1 · registered %2 · refused %3 · waiting %4 (late %5) · refunds to decide %6 (under 2 h %7)</translation>
    </message>
    <message>
        <source>导出现场</source>
        <translation>Export the floor</translation>
    </message>
</context>
<context>
    <name>FollowupTab</name>
    <message>
        <source>纸条</source>
        <translation>Slip</translation>
    </message>
    <message>
        <source>收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>运单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <source>寄件人</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>联系次数</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>最后处理</source>
        <translation>Last action</translation>
    </message>
    <message>
        <source>最后结果</source>
        <translation>Last result</translation>
    </message>
    <message>
        <source>已报主管</source>
        <translation>Reported to lead</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>联系结果, 如: 已留言 / 无人接听</source>
        <translation>Contact result, e.g. message left / no answer</translation>
    </message>
    <message>
        <source>记录联系</source>
        <translation>Record contact</translation>
    </message>
    <message>
        <source>旺旺名</source>
        <translation>Wangwang ID</translation>
    </message>
    <message>
        <source>订单号 (可选)</source>
        <translation>Order no. (optional)</translation>
    </message>
    <message>
        <source>关联买家并登记</source>
        <translation>Link buyer and register</translation>
    </message>
    <message>
        <source>联系记录</source>
        <translation>Contact log</translation>
    </message>
    <message>
        <source>找到买家</source>
        <translation>Buyer found</translation>
    </message>
    <message>
        <source>无信息件 {n} 个, 超过一天未跟进 {o} 个 (红色)</source>
        <translation>{n} no-info parcels, {o} untouched for over a day (red)</translation>
    </message>
    <message>
        <source>已记录联系</source>
        <translation>Contact recorded</translation>
    </message>
    <message>
        <source>已标记报主管</source>
        <translation>Marked as reported to the lead</translation>
    </message>
    <message>
        <source>已取消报主管</source>
        <translation>Report to the lead withdrawn</translation>
    </message>
    <message>
        <source>已关联买家并登记, 纸条编号 {n}</source>
        <translation>Buyer linked and registered, slip {n}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入 ERP 数据</source>
        <translation>Import ERP data</translation>
    </message>
    <message>
        <source>CSV 或 XLSX 文件 (淘宝订单报表、宝贝明细、退款、商品资料…)</source>
        <translation>CSV or XLSX file (Taobao order report, order items, refunds, catalog…)</translation>
    </message>
    <message>
        <source>选择文件… (Ctrl+O)</source>
        <translation>Choose file… (Ctrl+O)</translation>
    </message>
    <message>
        <source>订单 (含宝贝明细)</source>
        <translation>Orders (with items)</translation>
    </message>
    <message>
        <source>退款/退货申请</source>
        <translation>Refund/return requests</translation>
    </message>
    <message>
        <source>商品资料</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <source>映射文件…</source>
        <translation>Mapping file…</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Start import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>导入什么</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>自动识别 (按表头)</source>
        <translation>Detect (from the header)</translation>
    </message>
    <message>
        <source>选择 ERP 导出文件</source>
        <translation>Choose an ERP export file</translation>
    </message>
    <message>
        <source>导出文件 (*.csv *.xlsx *.txt);;所有文件 (*)</source>
        <translation>Export files (*.csv *.xlsx *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>选择列映射文件</source>
        <translation>Choose a column mapping file</translation>
    </message>
    <message>
        <source>映射文件 (*.toml)</source>
        <translation>Mapping files (*.toml)</translation>
    </message>
    <message>
        <source>识别为: {label} · 编码 {enc} · 对应的列: {fields}</source>
        <translation>Detected: {label} · encoding {enc} · columns: {fields}</translation>
    </message>
    <message>
        <source>正在导入 {name} … 拆包台可以继续扫描</source>
        <translation>Importing {name} … the bench can keep scanning</translation>
    </message>
    <message>
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <source>{file}: 新增 {imported}, 更新 {updated}, 未变 {unchanged}, 拒绝 {rejected}</source>
        <translation>{file}: {imported} new, {updated} updated, {unchanged} unchanged, {rejected} rejected</translation>
    </message>
    <message>
        <source>已取消: 已完成的批次保留, 其余未导入</source>
        <translation>Cancelled: finished batches are kept, the rest was not imported</translation>
    </message>
    <message>
        <source>拒绝原因 (行数, 最多的在前):</source>
        <translation>Rejection reasons (rows, most frequent first):</translation>
    </message>
    <message>
        <source>  {rows} 行: {reason} (如第 {row} 行)</source>
        <translation>  {rows} rows: {reason} (e.g. row {row})</translation>
    </message>
    <message>
        <source>  … 另有 {kinds} 种原因, 共 {rows} 行</source>
        <translation>  … {kinds} more reasons, {rows} rows in all</translation>
    </message>
    <message>
        <source>被拒绝的行和原因: {path}</source>
        <translation>Rejected rows and reasons: {path}</translation>
    </message>
    <message>
        <source>正在取消: 等当前这一批写完…</source>
        <translation>Cancelling: waiting for the current batch to finish…</translation>
    </message>
</context>
<context>
    <name>LeadWindow</name>
    <message>
        <source>主管视图 - 退货拆包台</source>
        <translation>Lead&apos;s view - ReturnsDesk</translation>
    </message>
    <message>
        <source>周报</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>无信息件跟进</source>
        <translation>No-info follow-up</translation>
    </message>
    <message>
        <source>款项</source>
        <translation>Money</translation>
    </message>
    <message>
        <source>返厂维修</source>
        <translation>Repairs</translation>
    </message>
    <message>
        <source>快递索赔</source>
        <translation>Courier claims</translation>
    </message>
    <message>
        <source>日结</source>
        <translation>Day close</translation>
    </message>
    <message>
        <source>分销件</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <source>操作记录</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>录像磁盘空间不足 ({station}): 剩余 {free} GB, 低于 {floor} GB</source>
        <translation>Low disk space for clips ({station}): {free} GB free, below {floor} GB</translation>
    </message>
    <message>
        <source>{low}。最旧的未受保护录像和照片会先被删除; 请清理磁盘或换更大的磁盘。</source>
        <translation>{low}. The oldest unprotected clips and photos are removed first; free some space or fit a bigger disk.</translation>
    </message>
    <message>
        <source>退款审核</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>现场</source>
        <translation>Floor</translation>
    </message>
    <message>
        <source>尚未设置用户: 任何人都可以做任何操作。添加第一个管理员 (returnsdesk user add NAME --role admin --pin-stdin) 后, 每个工位都需要登录。</source>
        <translation>No users yet: anyone can do anything. Once the first admin is added (returnsdesk user add NAME --role admin --pin-stdin), every station signs in.</translation>
    </message>
    <message>
        <source>数据(&amp;D)</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <source>导入订单/退款/商品…</source>
        <translation>Import orders/refunds/catalog…</translation>
    </message>
</context>
<context>
    <name>MoneyTab</name>
    <message>
        <source>导出本月…</source>
        <translation>Export this month…</translation>
    </message>
    <message>
        <source>登记员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>各登记员合计 (红色: 还有未交接的款项, 或实点有差额未结清)</source>
        <translation>Per clerk (red: money not handed over, or a counted difference not settled)</translation>
    </message>
    <message>
        <source>登记合计</source>
        <translation>Registered total</translation>
    </message>
    <message>
        <source>已交接</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>待交接</source>
        <translation>To hand over</translation>
    </message>
    <message>
        <source>交接次数</source>
        <translation>Handovers</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>纸条</source>
        <translation>Slip</translation>
    </message>
    <message>
        <source>旺旺名</source>
        <translation>Wangwang ID</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Reversal</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>主管</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>实点</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>差额</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>确认时间</source>
        <translation>Confirmed at</translation>
    </message>
    <message>
        <source>实点金额</source>
        <translation>Amount counted</translation>
    </message>
    <message>
        <source>差额说明 (有差额时必填)</source>
        <translation>Why it differs (required when it does)</translation>
    </message>
    <message>
        <source>确认收款</source>
        <translation>Confirm receipt</translation>
    </message>
    <message>
        <source>冲正原因</source>
        <translation>Reason for reversal</translation>
    </message>
    <message>
        <source>冲正所选款项</source>
        <translation>Reverse selected entry</translation>
    </message>
    <message>
        <source>日期:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>交接给主管</source>
        <translation>Hand over to lead</translation>
    </message>
    <message>
        <source>交接记录</source>
        <translation>Handovers</translation>
    </message>
    <message>
        <source>款项明细 (更正只能冲正, 不能修改)</source>
        <translation>Money entries (corrections by reversal only, no editing)</translation>
    </message>
    <message>
        <source>各天未交接或差额未结清: {0}</source>
        <translation>Days with money not handed over or not settled: {0}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>没有待交接的款项</source>
        <translation>No money to hand over</translation>
    </message>
    <message>
        <source>已确认 {clerk} 交接: 登记 {r} 元, 实点 {c} 元</source>
        <translation>Confirmed handover from {clerk}: registered {r} yuan, counted {c} yuan</translation>
    </message>
    <message>
        <source>请先选择要冲正的款项</source>
        <translation>Select the entry to reverse first</translation>
    </message>
    <message>
        <source>已冲正款项 #{id}</source>
        <translation>Entry #{id} reversed</translation>
    </message>
    <message>
        <source>导出本月款项</source>
        <translation>Export this month&apos;s money</translation>
    </message>
</context>
<context>
    <name>PacketExport</name>
    <message>
        <source>请输入快递单号、退款编号或订单号</source>
        <translation>Type a tracking, refund or order number</translation>
    </message>
    <message>
        <source>导出举证包</source>
        <translation>Export the dispute packet</translation>
    </message>
    <message>
        <source>举证包 (*.zip)</source>
        <translation>Dispute packet (*.zip)</translation>
    </message>
    <message>
        <source>上一个举证包还在导出, 请稍候</source>
        <translation>The last packet is still being written, one moment</translation>
    </message>
    <message>
        <source>正在导出举证包 {value} …</source>
        <translation>Writing the dispute packet of {value} …</translation>
    </message>
    <message>
        <source>正在导出举证包: {done}/{total} 个文件</source>
        <translation>Writing the dispute packet: {done}/{total} files</translation>
    </message>
    <message>
        <source>举证包 {path}: {n} 个包裹, {clips} 段录像, {photos} 张照片</source>
        <translation>Packet {path}: {n} parcels, {clips} clips, {photos} photos</translation>
    </message>
    <message>
        <source> (缺失或已删除 {n} 个, 未放入)</source>
        <translation> ({n} missing or removed, left out)</translation>
    </message>
</context>
<context>
    <name>PacketLookup</name>
    <message>
        <source>快递单号 / 退款编号 / 订单号</source>
        <translation>Tracking / refund / order no.</translation>
    </message>
    <message>
        <source>导出举证包…</source>
        <translation>Dispute packet…</translation>
    </message>
</context>
<context>
    <name>ParcelPainter</name>
    <message>
        <source>纸条 {0}</source>
        <translation>Slip {0}</translation>
    </message>
    <message>
        <source>第 {0} 件</source>
        <translation>item {0}</translation>
    </message>
    <message>
        <source> (分销)</source>
        <translation> (distribution)</translation>
    </message>
    <message>
        <source>  配件:{0}</source>
        <translation>  accessories: {0}</translation>
    </message>
    <message>
        <source>  (不在订单里)</source>
        <translation>  (not in the order)</translation>
    </message>
    <message>
        <source>  [照片 {0}]</source>
        <translation>  [photo {0}]</translation>
    </message>
</context>
<context>
    <name>PeriodTab</name>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>PrintJobsModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>单据</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>Default</translation>
    </message>
</context>
<context>
    <name>PrintQueueWidget</name>
    <message>
        <source>打印队列</source>
        <translation>Print queue</translation>
    </message>
    <message>
        <source>重试 (R)</source>
        <translation>Retry (R)</translation>
    </message>
    <message>
        <source>重打 (P)</source>
        <translation>Reprint (P)</translation>
    </message>
    <message>
        <source>改用此打印机</source>
        <translation>Use this printer</translation>
    </message>
    <message>
        <source>其他打印机:</source>
        <translation>Other printer:</translation>
    </message>
    <message>
        <source>任务 %1 失败: %2</source>
        <translation>Job %1 failed: %2</translation>
    </message>
    <message>
        <source>请先选中一个打印任务</source>
        <translation>Select a print job first</translation>
    </message>
    <message>
        <source>任务 %1 已重新排队</source>
        <translation>Job %1 queued again</translation>
    </message>
    <message>
        <source>已重打, 新任务 %1</source>
        <translation>Reprinted, new job %1</translation>
    </message>
    <message>
        <source>任务 %1 改送 %2</source>
        <translation>Job %1 sent to %2</translation>
    </message>
</context>
<context>
    <name>PrintSettingsDialog</name>
    <message>
        <source>打印机设置</source>
        <translation>Printer settings</translation>
    </message>
    <message>
        <source>单据</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>留空: 自动查找中文字体 (微软雅黑/苹方/文泉驿)</source>
        <translation>Leave empty: find a Chinese font automatically (YaHei/PingFang/WenQuanYi)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>字体文件:</source>
        <translation>Font file:</translation>
    </message>
    <message>
        <source>正在测试打印…</source>
        <translation>Printing a test page…</translation>
    </message>
    <message>
        <source>测试打印已发送: %1</source>
        <translation>Test page sent: %1</translation>
    </message>
    <message>
        <source>测试打印失败: %1</source>
        <translation>Test print failed: %1</translation>
    </message>
    <message>
        <source>选择中文字体</source>
        <translation>Choose a Chinese font</translation>
    </message>
    <message>
        <source>TrueType 字体 (*.ttf *.ttc)</source>
        <translation>TrueType fonts (*.ttf *.ttc)</translation>
    </message>
</context>
<context>
    <name>RefundModel</name>
    <message>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>退款编号</source>
        <translation>Refund no.</translation>
    </message>
    <message>
        <source>订单编号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>申请金额</source>
        <translation>Asked</translation>
    </message>
    <message>
        <source>退回商品</source>
        <translation>Came back</translation>
    </message>
    <message>
        <source>未退回</source>
        <translation>Not back</translation>
    </message>
    <message>
        <source>款项</source>
        <translation>Money</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>建议金额</source>
        <translation>Suggested</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>录像 {0}</source>
        <translation>clips {0}</translation>
    </message>
    <message>
        <source>照片 {0}</source>
        <translation>photos {0}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>超时 {h} 小时</source>
        <translation>{h} h overdue</translation>
    </message>
    <message>
        <source>{h} 小时</source>
        <translation>{h} h</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>同意 {kind} {amount}</source>
        <translation>Approved {kind} {amount}</translation>
    </message>
    <message>
        <source>到货前已退款!</source>
        <translation>Refunded before it arrived!</translation>
    </message>
    <message>
        <source>未执行, 请跟进</source>
        <translation>Not paid out: follow up</translation>
    </message>
    <message>
        <source>退款成功</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>RefundsTab</name>
    <message>
        <source>导出退款清单…</source>
        <translation>Export refund list…</translation>
    </message>
    <message>
        <source>超时 {h} 小时</source>
        <translation>{h} h overdue</translation>
    </message>
    <message>
        <source>备注 (拒绝时必填)</source>
        <translation>Note (required to refuse)</translation>
    </message>
    <message>
        <source>同意 (Enter)</source>
        <translation>Approve (Enter)</translation>
    </message>
    <message>
        <source>拒绝 (R)</source>
        <translation>Refuse (R)</translation>
    </message>
    <message>
        <source>复制备注 (F9)</source>
        <translation>Copy note (F9)</translation>
    </message>
    <message>
        <source>举证包 (E)</source>
        <translation>Packet (E)</translation>
    </message>
    <message>
        <source>清单日期</source>
        <translation>List date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>N 下一个到期 · Enter 按建议处理 · A 改金额 · R 拒绝 · F9 复制备注 · E 举证包 · Esc 返回列表</source>
        <translation>N next due · Enter accept the suggestion · A change the amount · R refuse · F9 copy the note · E dispute packet · Esc back to the list</translation>
    </message>
    <message>
        <source>待审核 {n} 个, 已超时 {d} 个, 待平台退款 {f} 个</source>
        <translation>{n} to decide, {d} overdue, {f} awaiting the platform</translation>
    </message>
    <message>
        <source>没有待审核的退款</source>
        <translation>No refunds to decide</translation>
    </message>
    <message>
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>申请</source>
        <translation>Asked</translation>
    </message>
    <message>
        <source>包裹</source>
        <translation>Parcels</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Came back</translation>
    </message>
    <message>
        <source>未退回</source>
        <translation>Not back</translation>
    </message>
    <message>
        <source>款项</source>
        <translation>Money</translation>
    </message>
    <message>
        <source>最多可退</source>
        <translation>At most</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>平台在包裹到达前已退款</source>
        <translation>The platform refunded before the parcel arrived</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>输入拒绝原因, Enter 确认拒绝, Esc 取消</source>
        <translation>Type why, Enter refuses, Esc cancels</translation>
    </message>
    <message>
        <source>已拒绝 {no}, 备注已复制</source>
        <translation>Refused {no}; note copied</translation>
    </message>
    <message>
        <source>已同意 {no} {amount} 元, 备注已复制</source>
        <translation>Approved {no} {amount} yuan; note copied</translation>
    </message>
    <message>
        <source> (与申请金额 {asked} 不同)</source>
        <translation> (asked: {asked})</translation>
    </message>
    <message>
        <source>这个退款还没有决定, 没有备注可复制</source>
        <translation>This refund is not decided yet: no note to copy</translation>
    </message>
    <message>
        <source>备注已复制</source>
        <translation>Note copied</translation>
    </message>
    <message>
        <source>导出退款清单</source>
        <translation>Export the refund list</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv);;PDF (*.pdf)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出 {path}</source>
        <translation>Exported {path}</translation>
    </message>
</context>
<context>
    <name>RepairsTab</name>
    <message>
        <source>收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>纸条</source>
        <translation>Slip</translation>
    </message>
    <message>
        <source>旺旺名</source>
        <translation>Wangwang ID</translation>
    </message>
    <message>
        <source>品类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>款号</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>尺码</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>Spec</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>已收天数</source>
        <translation>Days held</translation>
    </message>
    <message>
        <source>返厂期限</source>
        <translation>Factory deadline</translation>
    </message>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>已返厂</source>
        <translation>Sent to factory</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>待返厂 {n} 件, 已超期 {o} 件</source>
        <translation>{n} items waiting for the factory, {o} overdue</translation>
    </message>
    <message>
        <source>请先选择已返厂的商品</source>
        <translation>Select the items sent to the factory first</translation>
    </message>
    <message>
        <source>已记录返厂</source>
        <translation>Sent to factory recorded</translation>
    </message>
    <message>
        <source>导出返厂维修清单</source>
        <translation>Export repair list</translation>
    </message>
</context>
<context>
    <name>ReshipEntryDialog</name>
    <message>
        <source>新建补发单</source>
        <translation>New reshipment slip</translation>
    </message>
    <message>
        <source>修改补发单</source>
        <translation>Edit reshipment slip</translation>
    </message>
    <message>
        <source>买家ID 或 订单号, 回车查找</source>
        <translation>Buyer ID or order no., Enter to look up</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>省 市 区 详细地址</source>
        <translation>Province city district street address</translation>
    </message>
    <message>
        <source>一行一个: 款号 颜色 尺码 *数量, 或 商家编码</source>
        <translation>One per line: model colour size *qty, or merchant code</translation>
    </message>
    <message>
        <source>留空则按规范生成, 如 换5815灰色W6*1</source>
        <translation>Leave empty to build the standard note, e.g. 换5815灰色W6*1</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>查找订单</source>
        <translation>Find order</translation>
    </message>
    <message>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>买家ID</source>
        <translation>Buyer ID</translation>
    </message>
    <message>
        <source>收货人</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>邮费差价</source>
        <translation>Postage difference</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReshipModel</name>
    <message>
        <source>补发单</source>
        <translation>Slip</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>收货人</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>提交人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted at</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Prints</translation>
    </message>
    <message>
        <source>问题 / 发货单号</source>
        <translation>Problem / outbound tracking no.</translation>
    </message>
</context>
<context>
    <name>ReshipReportsDialog</name>
    <message>
        <source>补发单: 问题表 / 月度归档</source>
        <translation>Reshipment slips: problems / monthly archive</translation>
    </message>
    <message>
        <source>当天问题表 (按提交人)</source>
        <translation>Today&apos;s problems (by submitter)</translation>
    </message>
    <message>
        <source>月度归档 (已发货)</source>
        <translation>Monthly archive (shipped)</translation>
    </message>
    <message>
        <source>无问题</source>
        <translation>No problems</translation>
    </message>
    <message>
        <source>已发货 {n} 张</source>
        <translation>{n} shipped</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>已导出 {n} 行: {path}</source>
        <translation>Exported {n} rows: {path}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>ReshipView</name>
    <message>
        <source>新建 (F2)</source>
        <translation>New (F2)</translation>
    </message>
    <message>
        <source>修改 (F3)</source>
        <translation>Edit (F3)</translation>
    </message>
    <message>
        <source>打印选中 (Ctrl+P)</source>
        <translation>Print selected (Ctrl+P)</translation>
    </message>
    <message>
        <source>重打 (Ctrl+Shift+P)</source>
        <translation>Reprint (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>作废 (Del)</source>
        <translation>Void (Del)</translation>
    </message>
    <message>
        <source>问题表/归档 (F9)</source>
        <translation>Problems/archive (F9)</translation>
    </message>
    <message>
        <source>发货: 先扫补发单条码, 再扫新快递单号</source>
        <translation>Ship: scan the slip barcode, then the new tracking number</translation>
    </message>
    <message>
        <source>扫码后回车</source>
        <translation>Scan, then Enter</translation>
    </message>
    <message>
        <source>给买家的留言:</source>
        <translation>Message to the buyer:</translation>
    </message>
    <message>
        <source>复制留言 (F6)</source>
        <translation>Copy message (F6)</translation>
    </message>
    <message>
        <source>问题:</source>
        <translation>Problems:</translation>
    </message>
    <message>
        <source>选中的补发单:</source>
        <translation>Selected slip:</translation>
    </message>
</context>
<context>
    <name>ReshipWindow</name>
    <message>
        <source>补发单台</source>
        <translation>Reshipment desk</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>邮费差价 {amount} 元</source>
        <translation>Postage difference {amount} yuan</translation>
    </message>
    <message>
        <source>订单 {order}</source>
        <translation>Order {order}</translation>
    </message>
    <message>
        <source>请先选择一张补发单</source>
        <translation>Select a slip first</translation>
    </message>
    <message>
        <source>{code} 已打印, 不能再修改</source>
        <translation>{code} is printed and can no longer be edited</translation>
    </message>
    <message>
        <source>{code} 已保存, 可以打印</source>
        <translation>{code} saved, ready to print</translation>
    </message>
    <message>
        <source>已检查 {n} 张, {bad} 张有问题</source>
        <translation>Checked {n} slips, {bad} with problems</translation>
    </message>
    <message>
        <source>请先选择要作废的补发单</source>
        <translation>Select the slips to void first</translation>
    </message>
    <message>
        <source>再按一次 Del 作废选中的 {n} 张补发单</source>
        <translation>Press Del again to void the {n} selected slips</translation>
    </message>
    <message>
        <source>已作废 {n} 张</source>
        <translation>Voided {n} slips</translation>
    </message>
    <message>
        <source>请先选择要打印的补发单</source>
        <translation>Select the slips to print first</translation>
    </message>
    <message>
        <source>正在打印 {n} 张…</source>
        <translation>Printing {n} slips…</translation>
    </message>
    <message>
        <source>打印中</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>已打印 {n} 张</source>
        <translation>Printed {n} slips</translation>
    </message>
    <message>
        <source>{code} 打印失败: {why}</source>
        <translation>{code} failed to print: {why}</translation>
    </message>
    <message>
        <source>已取消, 请扫补发单条码</source>
        <translation>Cancelled, scan a slip barcode</translation>
    </message>
    <message>
        <source>还没有可复制的留言</source>
        <translation>No message to copy yet</translation>
    </message>
    <message>
        <source>已复制给买家的留言: {m}</source>
        <translation>Copied the message to the buyer: {m}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>拆包员</source>
        <translation>clerk</translation>
    </message>
    <message>
        <source>打单员</source>
        <translation>printer</translation>
    </message>
    <message>
        <source>主管</source>
        <translation>lead</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>PIN, 回车登录</source>
        <translation>PIN, Enter to sign in</translation>
    </message>
    <message>
        <source>按编号选择自己, 输入 PIN 后回车</source>
        <translation>Press your number, type your PIN, then Enter</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>◀ 上一周</source>
        <translation>◀ Previous week</translation>
    </message>
    <message>
        <source>下一周 ▶</source>
        <translation>Next week ▶</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>周:</source>
        <translation>Week:</translation>
    </message>
    <message>
        <source>分类:</source>
        <translation>Group by:</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>上周</source>
        <translation>Last week</translation>
    </message>
    <message>
        <source>{w}: {p} 个包裹, {n} 件; {prev}: {pp} 个包裹, {pn} 件</source>
        <translation>{w}: {p} parcels, {n} pieces; {prev}: {pp} parcels, {pn} pieces</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>占比变化</source>
        <translation>Share change</translation>
    </message>
    <message>
        <source>退货周报-{week}.xlsx</source>
        <translation>returns-week-{week}.xlsx</translation>
    </message>
    <message>
        <source>导出周报</source>
        <translation>Export weekly summary</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv);;PDF (*.pdf)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出 {path}</source>
        <translation>Exported {path}</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>导出文件应为 .xlsx 或 .csv</source>
        <translation>The export file must be .xlsx or .csv</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出 {path}</source>
        <translation>Exported {path}</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <source>纸条编号</source>
        <translation>Slip no.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>运单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Bin</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Entry</translation>
    </message>
</context>
<context>
    <name>_Tab</name>
    <message>
        <source>导出 XLSX/CSV…</source>
        <translation>Export XLSX/CSV…</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
</context>
</TS>
