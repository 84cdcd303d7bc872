<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaptionPanel</name>
    <message>
        <source>Back (PgUp, Left)</source>
        <translation>上一步（PgUp、←）</translation>
    </message>
    <message>
        <source>Next (PgDn, Right)</source>
        <translation>下一步（PgDn、→）</translation>
    </message>
    <message>
        <source>Close the lesson</source>
        <translation>关闭本课</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>{0} (see &apos;{1} --help&apos;)</source>
        <translation>{0}（参见 &apos;{1} --help&apos;）</translation>
    </message>
    <message>
        <source>no display: set DISPLAY, or use `gdviz run` for the command line</source>
        <translation>没有显示器：请设置 DISPLAY，或在命令行中使用 `gdviz run`</translation>
    </message>
    <message>
        <source>no display: cannot connect to the X display &apos;{0}&apos; (is it running?); use `gdviz run` for the command line</source>
        <translation>没有显示器：无法连接 X 显示 &apos;{0}&apos;（它在运行吗？）；在命令行中可使用 `gdviz run`</translation>
    </message>
    <message>
        <source>no display: cannot connect to the Wayland display &apos;{0}&apos;; set WAYLAND_DISPLAY, or use `gdviz run` for the command line</source>
        <translation>没有显示器：无法连接 Wayland 显示 &apos;{0}&apos;；请设置 WAYLAND_DISPLAY，或在命令行中使用 `gdviz run`</translation>
    </message>
    <message>
        <source>Qt has no platform plugin &apos;{0}&apos; (QT_QPA_PLATFORM; available: {1})</source>
        <translation>Qt 没有平台插件 &apos;{0}&apos;（QT_QPA_PLATFORM；可用的有：{1}）</translation>
    </message>
    <message>
        <source>the Qt platform plugin &apos;{0}&apos; cannot load: {1} (install the missing library; `gdviz run` works without a window)</source>
        <translation>Qt 平台插件 &apos;{0}&apos; 无法加载：{1}（请安装缺少的库；`gdviz run` 不需要窗口也能工作）</translation>
    </message>
    <message>
        <source>Animated gradient descent for teaching.

Without a command (or with &apos;gui&apos;) gdviz opens the window, starting with the
flags below; &apos;gdviz run&apos; descends without a window and prints the result,
&apos;gdviz race&apos; races 2 to 6 descents from the same start.</source>
        <translation>用于教学的梯度下降动画。

不带命令（或用 &apos;gui&apos;）时，gdviz 打开窗口，并以下面的选项开始；
&apos;gdviz run&apos; 不开窗口进行梯度下降并打印结果，
&apos;gdviz race&apos; 让 2 到 6 个下降过程从同一起点赛跑。</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序的版本号并退出</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>the language of messages, help and text output: en or zh_CN (default: zh_CN when the locale (LC_ALL, LC_MESSAGES or LANG) is Chinese, else en). JSON output stays English, its message fields too: it is data for programs</source>
        <translation>消息、帮助和文本输出的语言：en 或 zh_CN（默认：区域设置（LC_ALL、LC_MESSAGES 或 LANG）为中文时用 zh_CN，否则用 en）。JSON 输出保持英文，其中的 message 字段也是：它是给程序读的数据</translation>
    </message>
    <message>
        <source>{0}: error: {1}</source>
        <translation>{0}：错误：{1}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>examples:
  tutorial 002&apos;s line, every training point, as JSON:
    gdviz graph --data linear --json
  one sample (row 3 of the training set) after 20 steps, as a table for a handout:
    gdviz graph --data linear --steps 20 --sample 3

output:
  Without --json: what the values run over, then one row per node in topological order (kind,
  value, gradient dL/dnode) and the links. With --json one object: model, loss, reduction,
  scope {sample, n}, step, loss_value, params, gradient {name: dL/dtheta}, nodes (in topological
  order, the loss last: id, label, kind, op, inputs, per_sample, value, grad), edges (from, to,
  local: the mean |d to / d from|, grad: the gradient flowing back through the link,
  vanishing: local below 1e-3) and update (the run&apos;s next step: rule, learning_rate,
  batch_size, grad, params_after; null after a divergence). On a batch, a node&apos;s value is its
  mean over the samples and its grad the sum over the samples (what a parameter collects).
  With --sample the graph sees one sample, so its gradient is that sample&apos;s; the run&apos;s update
  still uses the run&apos;s own batch. Numbers that are not finite are null.

exit status:
  0 when the graph was made; 2 for a bad flag, value, data file, sample or a model the graph
  cannot draw (one line on stderr: &quot;gdviz: error: ...&quot;).
</source>
        <translation>示例：
  教程 002 的直线，全部训练点，输出 JSON：
    gdviz graph --data linear --json
  迭代 20 步后的一个样本（训练集第 3 行），输出表格，可用于讲义：
    gdviz graph --data linear --steps 20 --sample 3

输出：
  不带 --json：先说明数值针对哪些样本，再按拓扑顺序每个节点一行（类型、
  值、梯度 dL/dnode），最后是连线。带 --json 时输出一个对象：model、loss、reduction、
  scope {sample, n}、step、loss_value、params、gradient {name: dL/dtheta}、nodes（按拓扑
  顺序，损失最后：id、label、kind、op、inputs、per_sample、value、grad）、edges（from、to、
  local：|d to / d from| 的平均值，grad：沿这条连线反向传回的梯度，
  vanishing：local 小于 1e-3）和 update（这次运行的下一步：rule、learning_rate、
  batch_size、grad、params_after；发散后为 null）。在一个批次上，节点的值是它在各样本上的
  平均值，梯度是各样本梯度之和（即参数收集到的梯度）。
  带 --sample 时计算图只看一个样本，所以梯度是这个样本的梯度；而运行的更新
  仍使用运行自己的批次。不是有限数的数值为 null。

退出状态：
  生成了计算图时为 0；选项、取值、数据文件、样本有误，或模型无法画成计算图时为 2
  （stderr 上一行：&quot;gdviz: error: ...&quot;）。
</translation>
    </message>
    <message>
        <source>print the model&apos;s computational graph: values and gradients</source>
        <translation>打印模型的计算图：各节点的值和梯度</translation>
    </message>
    <message>
        <source>Print the model and its loss as a computational graph: each node&apos;s value and gradient, in topological order.</source>
        <translation>把模型及其损失函数打印成计算图：按拓扑顺序列出每个节点的值和梯度。</translation>
    </message>
    <message>
        <source>graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>the graph of one training sample, by its 0-based row (default: every training sample)</source>
        <translation>只看一个训练样本的计算图，按从 0 开始的行号（默认：全部训练样本）</translation>
    </message>
    <message>
        <source>descend N steps first (default 0: the start)</source>
        <translation>先下降 N 步（默认 0：起点）</translation>
    </message>
    <message>
        <source>print one JSON object instead of a table</source>
        <translation>打印一个 JSON 对象而不是表格</translation>
    </message>
    <message>
        <source>--sample {0} is out of range: the training set has {1} samples (0 to {2})</source>
        <translation>--sample {0} 超出范围：训练集有 {1} 个样本（0 到 {2}）</translation>
    </message>
    <message>
        <source>examples:
  gdviz                              open the window on tutorial 002&apos;s data
  gdviz --data beans                 open it on tutorial 001&apos;s beans (stochastic descent)
  gdviz --csv heights.csv --x-col height --y-col weight
  gdviz --function valley --rule adam --lr 0.3
                                     open it on a narrow valley, descending by Adam
  gdviz run --data linear --lr 0.1 --steps 1 --json
                                     descend without a window (see: gdviz run --help)
  gdviz race --preset valley-optimizers
                                     race gradient descent, momentum and Adam (see: gdviz race --help)

exit status:
  0 when the window was closed; 2 for a bad flag, value or data file; 1 when no window can
  open here (no display, or a Qt platform plugin that cannot load): one line says why.
</source>
        <translation>示例：
  gdviz                              用教程 002 的数据打开窗口
  gdviz --data beans                 用教程 001 的豆子数据打开（随机梯度下降）
  gdviz --csv heights.csv --x-col height --y-col weight
  gdviz --function valley --rule adam --lr 0.3
                                     在狭长山谷函数上打开，用 Adam 下降
  gdviz run --data linear --lr 0.1 --steps 1 --json
                                     不开窗口进行梯度下降（参见：gdviz run --help）
  gdviz race --preset valley-optimizers
                                     让梯度下降、动量法和 Adam 赛跑（参见：gdviz race --help）

退出状态：
  窗口关闭后为 0；选项、取值或数据文件有误时为 2；这里无法打开窗口时为 1
  （没有显示器，或 Qt 平台插件无法加载）：会有一行说明原因。
</translation>
    </message>
    <message>
        <source>open the window (the default)</source>
        <translation>打开窗口（默认）</translation>
    </message>
    <message>
        <source>Open the gdviz window, starting with the settings given.</source>
        <translation>打开 gdviz 窗口，以给出的设置开始。</translation>
    </message>
    <message>
        <source>the window cannot open ({0}); &apos;gdviz run&apos; works without it</source>
        <translation>窗口无法打开（{0}）；&apos;gdviz run&apos; 不需要窗口也能工作</translation>
    </message>
    <message>
        <source>how a step moves: gradient (-lr*g), fixed (-step-size*sign(g), tutorial 001), momentum (v = beta*v + g; -lr*v), nesterov (-lr*(g + beta*v)), adagrad (G += g^2; -lr*g/(sqrt(G) + eps)), rmsprop (s = rho*s + (1-rho)*g^2; -lr*g/(sqrt(s) + eps)), adam (bias-corrected means m, v; -lr*m/(sqrt(v) + eps)), random-search (try a random point of start +/- --search-radius, keep it if better) or direction-search (try a step of --step-size along a diagonal; tutorial 004)</source>
        <translation>每一步怎样移动（更新规则）：gradient 梯度下降（-lr*g），fixed 固定步长（-step-size*sign(g)，教程 001），momentum 动量（v = beta*v + g; -lr*v），nesterov（-lr*(g + beta*v)），adagrad（G += g^2; -lr*g/(sqrt(G) + eps)），rmsprop（s = rho*s + (1-rho)*g^2; -lr*g/(sqrt(s) + eps)），adam（偏差校正后的均值 m、v; -lr*m/(sqrt(v) + eps)），random-search 随机搜索（在起点 +/- --search-radius 内随机试一个点，更好就保留）或 direction-search 方向搜索（沿对角线试一步 --step-size；教程 004）</translation>
    </message>
    <message>
        <source>flags that change nothing:
  A flag that the configuration never reads is an error, with one line saying why: --lr with
  --rule fixed, --batch-size with --batch full, --rho with --rule adam, --decay-rate without
  --schedule, --batch with --function. The same holds in &apos;run&apos;, &apos;race&apos; and every race
  --runner; a flag given to &apos;race&apos; itself applies to every runner and is an error only when
  no runner reads it.
</source>
        <translation>不起作用的选项：
  配置根本不读取的选项会报错，并用一行说明原因：例如 --lr 配
  --rule fixed、--batch-size 配 --batch full、--rho 配 --rule adam、没有
  --schedule 时的 --decay-rate、--batch 配 --function。&apos;run&apos;、&apos;race&apos; 和每个 race
  --runner 都遵守这条规则；直接给 &apos;race&apos; 的选项作用于每个参赛者，只有当
  没有任何参赛者读取它时才报错。
</translation>
    </message>
    <message>
        <source>learning rate, &gt; 0 (house 1e-5, beans 0.1, linear 0.1)</source>
        <translation>学习率，&gt; 0（house 1e-5，beans 0.1，linear 0.1）</translation>
    </message>
    <message>
        <source>samples a step looks at: full (all), stochastic (one), mini (--batch-size)</source>
        <translation>每一步看多少样本：full 批量（全部），stochastic 随机（一个），mini 小批量（--batch-size）</translation>
    </message>
    <message>
        <source>samples in a mini-batch, a whole number from 1 to {0} (default 32); giving it implies --batch mini</source>
        <translation>小批量中的样本数，1 到 {0} 的整数（默认 32）；给出它即表示 --batch mini</translation>
    </message>
    <message>
        <source>the move of --rule fixed and direction-search, &gt; 0 and at most {0} (default 0.01); without --rule it implies --rule fixed</source>
        <translation>--rule fixed 和 direction-search 每步移动的距离，&gt; 0 且至多 {0}（默认 0.01）；没有 --rule 时即表示 --rule fixed</translation>
    </message>
    <message>
        <source>beta of momentum and nesterov, 0 &lt;= BETA &lt; 1 (default 0.9); without --rule it implies --rule momentum</source>
        <translation>momentum 和 nesterov 的 beta，0 &lt;= BETA &lt; 1（默认 0.9）；没有 --rule 时即表示 --rule momentum</translation>
    </message>
    <message>
        <source>adam&apos;s decay of the mean gradient, 0 &lt;= B1 &lt; 1 (default 0.9); without --rule it implies --rule adam</source>
        <translation>adam 对梯度均值的衰减率，0 &lt;= B1 &lt; 1（默认 0.9）；没有 --rule 时即表示 --rule adam</translation>
    </message>
    <message>
        <source>adam&apos;s decay of the mean squared gradient, 0 &lt;= B2 &lt; 1 (default 0.999); without --rule: adam</source>
        <translation>adam 对梯度平方均值的衰减率，0 &lt;= B2 &lt; 1（默认 0.999）；没有 --rule 时：adam</translation>
    </message>
    <message>
        <source>eps of adagrad, rmsprop and adam, &gt; 0 (default 1e-8)</source>
        <translation>adagrad、rmsprop 和 adam 的 eps，&gt; 0（默认 1e-8）</translation>
    </message>
    <message>
        <source>rmsprop&apos;s decay of the mean squared gradient, 0 &lt;= RHO &lt; 1 (default 0.9); without --rule it implies --rule rmsprop</source>
        <translation>rmsprop 对梯度平方均值的衰减率，0 &lt;= RHO &lt; 1（默认 0.9）；没有 --rule 时即表示 --rule rmsprop</translation>
    </message>
    <message>
        <source>clip the gradient before the rule sees it: each component into [-c, c] (value) or scaled so that |g| &lt;= c (norm). Default: none</source>
        <translation>在更新规则使用梯度之前裁剪梯度：每个分量截到 [-c, c]（value），或整体缩放使 |g| &lt;= c（norm）。默认：none（不裁剪）</translation>
    </message>
    <message>
        <source>the bound c of --clip, &gt; 0 (default 1)</source>
        <translation>--clip 的界 c，&gt; 0（默认 1）</translation>
    </message>
    <message>
        <source>how the learning rate changes with the step t: constant, step (lr*rate^floor(t/T)), exponential (lr*rate^(t/T)) or inverse (lr/(1 + rate*t/T))</source>
        <translation>学习率怎样随步数 t 变化：constant 不变，step 分段（lr*rate^floor(t/T)），exponential 指数（lr*rate^(t/T)）或 inverse 反比（lr/(1 + rate*t/T)）</translation>
    </message>
    <message>
        <source>the rate of --schedule, &gt; 0 (default 0.5)</source>
        <translation>--schedule 的衰减率 rate，&gt; 0（默认 0.5）</translation>
    </message>
    <message>
        <source>T of --schedule, a whole number from 1 to {0} (default 100)</source>
        <translation>--schedule 的 T，1 到 {0} 的整数（默认 100）</translation>
    </message>
    <message>
        <source>the order stochastic and mini-batch steps visit the samples: shuffled each epoch (default) or in-order, 0, 1, ..., n-1 every epoch as tutorial 001&apos;s loop</source>
        <translation>随机梯度下降和小批量梯度下降访问样本的顺序：shuffled 每轮打乱（默认）或 in-order 每轮按 0, 1, ..., n-1 的顺序，和教程 001 的循环一样</translation>
    </message>
    <message>
        <source>half-width of random search&apos;s box around the start, &gt; 0 and at most {0} (default 5); without --rule it implies --rule random-search</source>
        <translation>随机搜索在起点周围的方框的半宽，&gt; 0 且至多 {0}（默认 5）；没有 --rule 时即表示 --rule random-search</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>model and start (default: the data set&apos;s tutorial settings)</source>
        <translation>模型和起点（默认：数据集所属教程的设置）</translation>
    </message>
    <message>
        <source>constant: y = b; origin: y = w*x; line: y = w*x + b; poly: y = b + w1*x + ... + wK*x^K on standardised x (--degree); two-layer: y = k2*sigmoid(k1*x + b1) + b2 (tutorial 004; --hidden, --activation)</source>
        <translation>constant 常数：y = b；origin 过原点：y = w*x；line 直线：y = w*x + b；poly 多项式：在标准化的 x 上 y = b + w1*x + ... + wK*x^K（--degree）；two-layer 两层网络：y = k2*sigmoid(k1*x + b1) + b2（教程 004；--hidden、--activation）</translation>
    </message>
    <message>
        <source>degree</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>the degree of --model poly, {0} to {1} (default: the data set&apos;s, else 2)</source>
        <translation>--model poly 的次数，{0} 到 {1}（默认：数据集自带的，否则为 2）</translation>
    </message>
    <message>
        <source>hidden units</source>
        <translation>隐藏单元数</translation>
    </message>
    <message>
        <source>hidden units of --model two-layer, 1 to {0}: 1 has parameters k1, b1, k2, b2; H &gt;= 2 has k1_j, b1_j, k2_j (j = 1..H) and b2 (default 1)</source>
        <translation>--model two-layer 的隐藏单元数，1 到 {0}：1 个时参数为 k1、b1、k2、b2；H &gt;= 2 时为 k1_j、b1_j、k2_j（j = 1..H）和 b2（默认 1）</translation>
    </message>
    <message>
        <source>the hidden units of --model two-layer: sigmoid (default) or relu</source>
        <translation>--model two-layer 隐藏单元的激活函数：sigmoid（默认）或 relu</translation>
    </message>
    <message>
        <source>what a residual r = y^ - y costs: squared r^2 (default), absolute |r| (L1) or huber (r^2/2 where |r| &lt;= delta, delta*(|r| - delta/2) beyond)</source>
        <translation>残差 r = y^ - y 的损失：squared 平方 r^2（默认），absolute 绝对值 |r|（L1）或 huber（|r| &lt;= delta 处为 r^2/2，之外为 delta*(|r| - delta/2)）</translation>
    </message>
    <message>
        <source>delta of --loss huber, &gt; 0 (default 1)</source>
        <translation>--loss huber 的 delta，&gt; 0（默认 1）</translation>
    </message>
    <message>
        <source>how the residuals&apos; losses add up: mean, sum, or half-sum (1/2 of the sum; squared loss only)</source>
        <translation>各残差的损失怎样合计：mean 平均，sum 求和，或 half-sum（和的 1/2；仅限平方损失）</translation>
    </message>
    <message>
        <source>starting parameters by name, each between -1e100 and 1e100, e.g. --init w=0.5,b=1, --init b=1, --init k1=1,b1=0,k2=1,b2=0 or --init b=0,w1=1 (functions: x=V,y=V); parameters not named start at the model&apos;s default</source>
        <translation>按名称给出起始参数，每个都在 -1e100 和 1e100 之间，例如 --init w=0.5,b=1、--init b=1、--init k1=1,b1=0,k2=1,b2=0 或 --init b=0,w1=1（函数：x=V,y=V）；没有给出的参数从模型的默认值开始</translation>
    </message>
    <message>
        <source>seed of the shuffles (batches, validation split, searches), 0 to 2147483647. Default: 42</source>
        <translation>打乱顺序用的随机种子（批次、验证集划分、搜索），0 到 2147483647。默认：42</translation>
    </message>
    <message>
        <source>descent settings (default: the data set&apos;s tutorial settings)</source>
        <translation>下降设置（默认：数据集所属教程的设置）</translation>
    </message>
    <message>
        <source>convergence tolerance, from 0 to 1: converged when L − L* &lt;= TOL·min(L0 − L*, L*) where the least loss L* is known, else when |gradient|² &lt;= TOL·|gradient at the start|² (default {0}; --grad-tol is the same flag)</source>
        <translation>收敛容差，0 到 1：已知最小损失 L* 时，L − L* &lt;= TOL·min(L0 − L*, L*) 即为收敛，否则当 |梯度|² &lt;= TOL·|起点处的梯度|² 时收敛（默认 {0}；--grad-tol 是同一个选项）</translation>
    </message>
    <message>
        <source>a tutorial&apos;s data set: house (000: area -&gt; price, 6 points), beans (001: size -&gt; toxicity, 100 points), linear (002: y = 1 + 2x + noise, 80 training + 20 validation points), rooms (004: rooms -&gt; price, 506 houses), line-1000 (003: y = 2x + 4 + noise, 1000 points), quadratic and sine (curves a line cannot follow), outliers (a line with three far points). Default: linear</source>
        <translation>教程的数据集：house（000：面积 -&gt; 房价，6 个点），beans（001：大小 -&gt; 毒性，100 个点），linear（002：y = 1 + 2x + 噪声，80 个训练点 + 20 个验证点），rooms（004：房间数 -&gt; 房价，506 套房子），line-1000（003：y = 2x + 4 + 噪声，1000 个点），quadratic 和 sine（直线拟合不了的曲线），outliers（带三个远离点的直线）。默认：linear</translation>
    </message>
    <message>
        <source>your own data: a CSV file with two numeric columns (header optional)</source>
        <translation>你自己的数据：含两列数值的 CSV 文件（表头可有可无）</translation>
    </message>
    <message>
        <source>descend a formula instead of fitting data: {0}</source>
        <translation>对一个公式做梯度下降，而不是拟合数据：{0}</translation>
    </message>
    <message>
        <source>the CSV column of x: a header name or a 0-based index (default: the first)</source>
        <translation>x 所在的 CSV 列：表头名或从 0 开始的序号（默认：第一列）</translation>
    </message>
    <message>
        <source>the CSV column of y: a header name or a 0-based index (default: the next)</source>
        <translation>y 所在的 CSV 列：表头名或从 0 开始的序号（默认：下一列）</translation>
    </message>
    <message>
        <source>the CSV file&apos;s text encoding, e.g. utf-8, gb18030, utf-16 (default: guessed)</source>
        <translation>CSV 文件的文本编码，例如 utf-8、gb18030、utf-16（默认：自动推测）</translation>
    </message>
    <message>
        <source>the CSV column separator: &apos;,&apos;, &apos;;&apos;, &apos;tab&apos; or &apos; &apos; (default: guessed)</source>
        <translation>CSV 的列分隔符：&apos;,&apos;、&apos;;&apos;、&apos;tab&apos; 或 &apos; &apos;（默认：自动推测）</translation>
    </message>
    <message>
        <source>the CSV decimal mark (default: guessed; &apos;,&apos; as European Excel writes it)</source>
        <translation>CSV 的小数点（默认：自动推测；&apos;,&apos; 是欧洲版 Excel 的写法）</translation>
    </message>
    <message>
        <source>the CSV&apos;s first row is a header (default: guessed)</source>
        <translation>CSV 的第一行是表头（默认：自动推测）</translation>
    </message>
    <message>
        <source>the CSV&apos;s first row is data</source>
        <translation>CSV 的第一行是数据</translation>
    </message>
    <message>
        <source>refuse CSV files with more rows than this (default 10,000,000)</source>
        <translation>拒绝行数超过此值的 CSV 文件（默认 10,000,000）</translation>
    </message>
    <message>
        <source>hold out this fraction of the points for validation, 0 &lt;= F &lt; 1 (default: the data set&apos;s own split; 0 for house, beans and CSV files)</source>
        <translation>留出这一比例的点作验证集，0 &lt;= F &lt; 1（默认：数据集自己的划分；house、beans 和 CSV 文件为 0）</translation>
    </message>
    <message>
        <source>fit on (x - mean)/std of the training x (tutorial 002 section 4.3)</source>
        <translation>在训练集 x 的 (x - mean)/std 上拟合，即标准化 x（教程 002 第 4.3 节）</translation>
    </message>
    <message>
        <source>multiply x by 10: the loss surface becomes a narrow valley (tutorial 002 section 4.2)</source>
        <translation>把 x 乘以 10：损失曲面变成狭长的山谷（教程 002 第 4.2 节）</translation>
    </message>
    <message>
        <source>{0} must be from {1} to {2}, got {3}</source>
        <translation>{0} 必须在 {1} 到 {2} 之间，得到的是 {3}</translation>
    </message>
    <message>
        <source>give either --data or --csv, not both</source>
        <translation>--data 和 --csv 只能给一个，不能同时给</translation>
    </message>
    <message>
        <source>--x-col, --y-col, --encoding, --delimiter, --decimal, --header and --max-rows read a --csv file; give --csv too</source>
        <translation>--x-col、--y-col、--encoding、--delimiter、--decimal、--header 和 --max-rows 读取的是 --csv 文件；请同时给出 --csv</translation>
    </message>
    <message>
        <source>{0} has no effect with --function: {1}</source>
        <translation>{0} 配 --function 时不起作用：{1}</translation>
    </message>
    <message>
        <source> ({0} without --rule means --rule {1})</source>
        <translation>（没有 --rule 时，{0} 即表示 --rule {1}）</translation>
    </message>
    <message>
        <source>{0} has no parameter {1} (its parameters: {2})</source>
        <translation>{0} 没有参数 {1}（它的参数：{2}）</translation>
    </message>
    <message>
        <source>function &apos;{0}&apos;</source>
        <translation>函数 &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>model &apos;{0}&apos;</source>
        <translation>模型 &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>{0} has no effect {1}</source>
        <translation>{0} 不起作用：{1}</translation>
    </message>
    <message>
        <source>examples:
  the ready-made races (the window&apos;s Compare / race menu):
    gdviz race --preset valley-optimizers
    gdviz race --preset learning-rates --steps 50 --json
    gdviz race --preset batch-modes
    gdviz race --preset search-vs-gradient
  your own race: 2 to 6 runners, each NAME:SETTING=VALUE,... with the descent flags&apos; names:
    gdviz race --data linear --runner &quot;plain:rule=gradient,lr=0.2&quot; \
               --runner &quot;fast:rule=adam,lr=0.1,batch=mini,batch-size=8&quot;
  flags given to &apos;race&apos; itself apply to every runner (here: the data, the start, the learning rate):
    gdviz race --function valley --init x=-8,y=1.5 --lr 0.07 --runner gd: --runner &quot;heavy:rule=momentum,momentum=0.6&quot;

when a runner stops:
  As in &apos;gdviz run&apos;: at its first convergence (unless --no-stop), at a divergence, or after
  --steps steps.

output:
  Without --json: what is descended, then one row per runner: name, rule, lr, status, step,
  final loss and parameters. With --json a list with one object per runner: the keys of
  &apos;gdviz run --json&apos;, plus name and colour (a palette index or &quot;#rrggbb&quot;).

exit status:
  0 when the race was run, also when a runner diverged; 2 for a bad flag, value, runner or
  data file (one line on stderr: &quot;gdviz: error: ...&quot;).
</source>
        <translation>示例：
  现成的比赛（窗口中的“比较 / 比赛”菜单）：
    gdviz race --preset valley-optimizers
    gdviz race --preset learning-rates --steps 50 --json
    gdviz race --preset batch-modes
    gdviz race --preset search-vs-gradient
  自定义比赛：2 到 6 个参赛者，每个写成 NAME:SETTING=VALUE,...，设置名就是下降选项的名字：
    gdviz race --data linear --runner &quot;plain:rule=gradient,lr=0.2&quot; \
               --runner &quot;fast:rule=adam,lr=0.1,batch=mini,batch-size=8&quot;
  直接给 &apos;race&apos; 的选项作用于每个参赛者（这里是数据、起点和学习率）：
    gdviz race --function valley --init x=-8,y=1.5 --lr 0.07 --runner gd: --runner &quot;heavy:rule=momentum,momentum=0.6&quot;

参赛者何时停止：
  与 &apos;gdviz run&apos; 相同：第一次收敛时（除非给了 --no-stop）、发散时，或走完
  --steps 步之后。

输出：
  不带 --json：先说明对什么做下降，再每个参赛者一行：名称、更新规则、lr、状态、步数、
  最终损失和参数。带 --json 时输出一个列表，每个参赛者一个对象：包含
  &apos;gdviz run --json&apos; 的各个键，另加 name 和 colour（调色板序号或 &quot;#rrggbb&quot;）。

退出状态：
  比赛完成时为 0，有参赛者发散也是 0；选项、取值、参赛者或数据文件有误时为 2
  （stderr 上一行：&quot;gdviz: error: ...&quot;）。
</translation>
    </message>
    <message>
        <source>expected NAME:SETTING=VALUE,... like &apos;fast:rule=adam,lr=0.1&apos;, got &apos;{0}&apos;</source>
        <translation>应为 NAME:SETTING=VALUE,... 的形式，如 &apos;fast:rule=adam,lr=0.1&apos;，得到的是 &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>expected SETTING=VALUE, got &apos;{0}&apos; in &apos;{1}&apos;</source>
        <translation>应为 SETTING=VALUE，在 &apos;{1}&apos; 中得到的是 &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>unknown setting &apos;{0}&apos; in &apos;{1}&apos; (settings: {2})</source>
        <translation>&apos;{1}&apos; 中有未知设置 &apos;{0}&apos;（可用的设置：{2}）</translation>
    </message>
    <message>
        <source>setting &apos;{0}&apos; is given twice in &apos;{1}&apos;</source>
        <translation>设置 &apos;{0}&apos; 在 &apos;{1}&apos; 中给了两次</translation>
    </message>
    <message>
        <source>{0} in &apos;{1}&apos;</source>
        <translation>{0}（在 &apos;{1}&apos; 中）</translation>
    </message>
    <message>
        <source>race 2 to 6 runs from the same start and print each result</source>
        <translation>让 2 到 6 个运行从同一起点赛跑，并打印各自的结果</translation>
    </message>
    <message>
        <source>Race 2 to 6 descents on the same data (or function) from the same start, step for step,
and print where each one ended.</source>
        <translation>在同一数据（或函数）上让 2 到 6 个下降过程从同一起点一步一步地赛跑，
并打印每个过程停在哪里。</translation>
    </message>
    <message>
        <source>the race</source>
        <translation>比赛</translation>
    </message>
    <message>
        <source>a ready-made race: {0}</source>
        <translation>现成的比赛：{0}</translation>
    </message>
    <message>
        <source>one runner of your own race (give 2 to 6): a name, then any descent setting by its flag name without &apos;--&apos;, e.g. &apos;fast:rule=adam,lr=0.1,batch=mini,batch-size=8&apos;. Descent flags given to &apos;race&apos; itself apply to every runner</source>
        <translation>自定义比赛中的一个参赛者（给 2 到 6 个）：先写名字，再写任意下降设置，用去掉 &apos;--&apos; 的选项名，例如 &apos;fast:rule=adam,lr=0.1,batch=mini,batch-size=8&apos;。直接给 &apos;race&apos; 的下降选项作用于每个参赛者</translation>
    </message>
    <message>
        <source>race length and output</source>
        <translation>比赛长度和输出</translation>
    </message>
    <message>
        <source>steps every runner takes at most; default: the preset&apos;s, or {0}</source>
        <translation>每个参赛者最多走的步数；默认：预设自带的，否则为 {0}</translation>
    </message>
    <message>
        <source>print a JSON list, one object per runner: the keys of &apos;run --json&apos;, name and colour</source>
        <translation>打印一个 JSON 列表，每个参赛者一个对象：&apos;run --json&apos; 的各个键，加上 name 和 colour</translation>
    </message>
    <message>
        <source>give either --preset or --runner, not both</source>
        <translation>--preset 和 --runner 只能给一种，不能同时给</translation>
    </message>
    <message>
        <source>give --preset NAME or {0} to {1} --runner NAME:SETTING=VALUE,... (see &apos;{2} race --help&apos;)</source>
        <translation>请给出 --preset NAME，或 {0} 到 {1} 个 --runner NAME:SETTING=VALUE,...（参见 &apos;{2} race --help&apos;）</translation>
    </message>
    <message>
        <source>runner &apos;{0}&apos;: {1}</source>
        <translation>参赛者 &apos;{0}&apos;：{1}</translation>
    </message>
    <message>
        <source>your own race</source>
        <translation>自定义比赛</translation>
    </message>
    <message>
        <source>--preset {0} sets its own data and runners; drop {1} (or build your own race with --runner)</source>
        <translation>--preset {0} 自带数据和参赛者；请去掉 {1}（或用 --runner 组建自己的比赛）</translation>
    </message>
    <message>
        <source>runner &apos;{0}&apos;: {1} has no effect {2}</source>
        <translation>参赛者 &apos;{0}&apos;：{1} 不起作用：{2}</translation>
    </message>
    <message>
        <source>{0} has no effect on any runner (&apos;{1}&apos; runs {2})</source>
        <translation>{0} 对任何参赛者都不起作用（&apos;{1}&apos; 的情况：{2}）</translation>
    </message>
    <message>
        <source>examples:
  tutorial 002 at 1280x720, 30 frames a second, one step a frame, 2 s still at the end:
    gdviz record --data linear --lr 0.1 --steps 300 --hold 2 --out 002.mp4
  a learning rate too high, in full HD at 60 frames a second:
    gdviz record --data linear --lr 1.1 --steps 60 --size 1920x1080 --fps 60 --out diverge.mp4
  the beans by stochastic descent, 10 steps a frame, as a GIF for slides:
    gdviz record --data beans --steps 2000 --steps-per-frame 10 --fps 25 --out beans.gif
  a ready-made race, as a folder of PNG frames:
    gdviz record --preset valley-optimizers --steps 300 --out frames/
  go on from a saved session (File &gt; Save) for 500 steps:
    gdviz record --session lesson.gdviz --steps 500 --out lesson.mp4

output:
  --out FILE.mp4 (H.264, yuv420p), FILE.gif (one palette, at most 50 frames a second) or a
  folder name without a suffix (frame_000001.png, ...). The file appears only when the
  recording is complete; an interrupted or failed recording leaves nothing.
  A recording has ceil(steps / steps-per-frame) frames, plus fps x hold still frames. Every
  step of --steps is taken: a converged run goes on, as Play does after convergence.

exit status:
  0 when the recording was written; 2 for a bad flag, value, data or session file; 1 when it
  could not be written or no window could be made here.
</source>
        <translation>示例：
  教程 002，1280x720，每秒 30 帧，每帧一步，结尾静止 2 秒：
    gdviz record --data linear --lr 0.1 --steps 300 --hold 2 --out 002.mp4
  学习率过大，全高清，每秒 60 帧：
    gdviz record --data linear --lr 1.1 --steps 60 --size 1920x1080 --fps 60 --out diverge.mp4
  用随机梯度下降拟合豆子数据，每帧 10 步，输出 GIF 用于幻灯片：
    gdviz record --data beans --steps 2000 --steps-per-frame 10 --fps 25 --out beans.gif
  一场现成的比赛，输出为 PNG 帧文件夹：
    gdviz record --preset valley-optimizers --steps 300 --out frames/
  从已保存的会话（文件 &gt; 保存）继续 500 步：
    gdviz record --session lesson.gdviz --steps 500 --out lesson.mp4

输出：
  --out FILE.mp4（H.264，yuv420p）、FILE.gif（单一调色板，每秒至多 50 帧），或
  不带后缀的文件夹名（frame_000001.png, ...）。只有录制完成后文件才会出现；
  中断或失败的录制不留下任何东西。
  一段录像有 ceil(steps / steps-per-frame) 帧，另加 fps x hold 帧静止画面。--steps 的
  每一步都会走完：已收敛的运行继续迭代，和收敛后按“播放”一样。

退出状态：
  写好录像时为 0；选项、取值、数据或会话文件有误时为 2；录像无法写入
  或这里无法创建窗口时为 1。
</translation>
    </message>
    <message>
        <source>expected WIDTHxHEIGHT like 1280x720, got &apos;{0}&apos;</source>
        <translation>应为 宽x高 的形式，如 1280x720，得到的是 &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>width and height must be even and from 16 to 7680, got &apos;{0}&apos;</source>
        <translation>宽和高必须是偶数，且在 16 到 7680 之间，得到的是 &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>must be from 1 to 120, got {0}</source>
        <translation>必须在 1 到 120 之间，得到的是 {0}</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 1e9, got {0}</source>
        <translation>必须是 1 到 1e9 之间的整数，得到的是 {0}</translation>
    </message>
    <message>
        <source>must be from 0 to 600 seconds, got {0}</source>
        <translation>必须在 0 到 600 秒之间，得到的是 {0}</translation>
    </message>
    <message>
        <source>render a run, race or session to MP4, GIF or PNG frames</source>
        <translation>把一次运行、比赛或会话渲染为 MP4、GIF 或 PNG 帧</translation>
    </message>
    <message>
        <source>Record the window&apos;s animation of a run, a race or a saved session, frame by frame
(no screen needed).</source>
        <translation>逐帧录制窗口中一次运行、一场比赛或一个已保存会话的动画
（不需要屏幕）。</translation>
    </message>
    <message>
        <source>the recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>FILE.mp4, FILE.gif, or a new folder (no suffix) for PNG frames</source>
        <translation>FILE.mp4、FILE.gif，或存放 PNG 帧的新文件夹（无后缀）</translation>
    </message>
    <message>
        <source>frame size, even numbers (default 1280x720; also 1920x1080)</source>
        <translation>画面尺寸，须为偶数（默认 1280x720；也可用 1920x1080）</translation>
    </message>
    <message>
        <source>frames a second: 30 or 60 (default 30); a GIF takes at most 50</source>
        <translation>每秒帧数：30 或 60（默认 30）；GIF 至多 50</translation>
    </message>
    <message>
        <source>steps each frame moves on (default 1)</source>
        <translation>每帧前进的步数（默认 1）</translation>
    </message>
    <message>
        <source>show the last frame this long at the end (default 0)</source>
        <translation>结尾把最后一帧停留这么多秒（默认 0）</translation>
    </message>
    <message>
        <source>what to record: the whole window (default), presentation mode (the plots and a status line, no docks or menus), or one view</source>
        <translation>录制什么：整个窗口（默认）、演示模式（只有图和一行状态，没有停靠面板和菜单），或某一个视图</translation>
    </message>
    <message>
        <source>MP4 quality: low (smallest), medium (default) or high</source>
        <translation>MP4 画质：low（文件最小）、medium（默认）或 high</translation>
    </message>
    <message>
        <source>go on from a saved session (File &gt; Save) instead of the flags below</source>
        <translation>从已保存的会话（文件 &gt; 保存）继续，而不用下面的选项</translation>
    </message>
    <message>
        <source>render a whole lesson with its captions: a built-in one (tutorial-000 … tutorial-004) or a lesson file (.json)</source>
        <translation>渲染带字幕的整节课：内置课程（tutorial-000 … tutorial-004）或课程文件（.json）</translation>
    </message>
    <message>
        <source>the captions&apos; language for --lesson (default: the system&apos;s)</source>
        <translation>--lesson 字幕的语言（默认：系统的语言）</translation>
    </message>
    <message>
        <source>steps to record (default {0}; a preset race: its own, else {1})</source>
        <translation>要录制的步数（默认 {0}；预设比赛：用它自带的，否则为 {1}）</translation>
    </message>
    <message>
        <source>a race instead of one run (as in &apos;gdviz race&apos;)</source>
        <translation>录制比赛而不是单次运行（同 &apos;gdviz race&apos;）</translation>
    </message>
    <message>
        <source>a ready-made race</source>
        <translation>现成的比赛</translation>
    </message>
    <message>
        <source>one runner of your own race (give 2 to 6)</source>
        <translation>自定义比赛中的一个参赛者（给 2 到 6 个）</translation>
    </message>
    <message>
        <source>--out needs a file name</source>
        <translation>--out 需要一个文件名</translation>
    </message>
    <message>
        <source>--out {0}: record to .mp4, .gif or a folder of PNGs (a name without a suffix)</source>
        <translation>--out {0}：只能录制为 .mp4、.gif 或 PNG 文件夹（不带后缀的名字）</translation>
    </message>
    <message>
        <source>--out {0}: the folder {1} does not exist</source>
        <translation>--out {0}：文件夹 {1} 不存在</translation>
    </message>
    <message>
        <source>--out {0}: already exists; PNG frames go into a new folder</source>
        <translation>--out {0}：已经存在；PNG 帧要放进一个新文件夹</translation>
    </message>
    <message>
        <source>--fps {0}: a GIF takes at most 50 frames a second</source>
        <translation>--fps {0}：GIF 每秒至多 50 帧</translation>
    </message>
    <message>
        <source>--session sets its own data and runners; drop {0}</source>
        <translation>--session 自带数据和参赛者；请去掉 {0}</translation>
    </message>
    <message>
        <source>--language chooses the captions of a --lesson; give --lesson too</source>
        <translation>--language 选择的是 --lesson 字幕的语言；请同时给出 --lesson</translation>
    </message>
    <message>
        <source>--lesson sets its own data, runs and steps; drop {0}</source>
        <translation>--lesson 自带数据、运行和步数；请去掉 {0}</translation>
    </message>
    <message>
        <source>wrote {0}: {1} frames, {2}x{3} at {4} frames a second, {5} steps</source>
        <translation>已写入 {0}：{1} 帧，{2}x{3}，每秒 {4} 帧，{5} 步</translation>
    </message>
    <message>
        <source>wrote {0}: {1} frames, {2}x{3} at {4} frames a second</source>
        <translation>已写入 {0}：{1} 帧，{2}x{3}，每秒 {4} 帧</translation>
    </message>
    <message>
        <source>recording: frame {0} of {1}</source>
        <translation>录制中：第 {0} 帧，共 {1} 帧</translation>
    </message>
    <message>
        <source>ready: the initial state, no steps taken</source>
        <translation>就绪：初始状态，尚未迭代</translation>
    </message>
    <message>
        <source>; it was converged at step {0} and went on</source>
        <translation>；它在第 {0} 步已收敛，之后继续迭代</translation>
    </message>
    <message>
        <source>stopped after 1 step: not converged (more --steps would go further){0}</source>
        <translation>1 步后停止：尚未收敛（更多 --steps 会走得更远）{0}</translation>
    </message>
    <message>
        <source>stopped after {1} steps: not converged (more --steps would go further){0}</source>
        <translation>{1} 步后停止：尚未收敛（更多 --steps 会走得更远）{0}</translation>
    </message>
    <message>
        <source>examples:
  tutorial 002, one update with learning rate 0.1 (b = 0.8012, w = 0.0451):
    gdviz run --data linear --lr 0.1 --steps 1 --json
  tutorial 002, a learning rate too high (the loss explodes):
    gdviz run --data linear --lr 1.1
  tutorial 000, descent on b alone (half the summed squared error, b0 = 1):
    gdviz run --data house --model constant --reduction half-sum --lr 1e-4 --init b=1 --steps 10000
  tutorial 000, w and b together: badly scaled x makes it crawl:
    gdviz run --data house --steps 10000000 --no-stop
  tutorial 001, the beans by stochastic descent; then fixed steps of 0.01:
    gdviz run --data beans --batch stochastic
    gdviz run --data beans --batch full --step-size 0.01 --steps 300
  your own data, mini-batches of 10, a fifth held out for validation:
    gdviz run --csv points.csv --x-col 0 --y-col 1 --batch-size 10 --val-fraction 0.2
  tutorial 002 section 4, a bad feature: momentum, then Adam, then standardised x:
    gdviz run --data linear --bad-feature --lr 0.005 --momentum 0.9 --steps 300
    gdviz run --data linear --bad-feature --rule adam --lr 0.1 --steps 300
    gdviz run --data linear --standardise --lr 0.5 --steps 50
  a learning rate that halves every 50 steps, the gradient clipped to length 1:
    gdviz run --data linear --lr 0.5 --schedule step --decay-rate 0.5 --decay-steps 50 --clip norm --clip-value 1
  tutorial 004, random search in a box of half-width 3 around the start:
    gdviz run --data linear --search-radius 3 --steps 500
  descend a formula instead of fitting data (bowl, valley, rosenbrock, saddle, ...):
    gdviz run --function rosenbrock --rule adam --lr 0.05 --steps 2000

output:
  Without --json: data set, model, loss, settings, where the run stopped, the parameters
  beside the closed-form least-squares optimum, and the final losses.
  With --json one object: status (&quot;ready&quot;: no step taken, &quot;stopped&quot;: every step taken and not
  converged, &quot;converged&quot;, &quot;stalled&quot; or &quot;diverged&quot;), message (says where it stopped and why),
  step, epoch, params {name: value}, grad, optimum {name: value} or null, final_loss,
  final_val_loss, loss (training loss at steps 0..step: loss[0] is the initial loss),
  val_loss (likewise, or null without a validation set), loss_steps (null, or the step of
  each loss entry when a run of more than ~1e6 steps kept a thinned history), diverged_at,
  converged_at (the first converged step, or null), n_train, n_val and config (every
  setting used). Numbers that are not finite are null.

when a run stops:
  At its first convergence (unless --no-stop), at a divergence, or after --steps steps.
  &apos;gdviz race&apos; stops each runner by the same rule.

exit status:
  0 when the run was made, also when it diverged (that is a lesson, not an error);
  2 for a bad flag, value or data file (one line on stderr: &quot;gdviz: error: ...&quot;).
</source>
        <translation>示例：
  教程 002，学习率 0.1 更新一次（b = 0.8012，w = 0.0451）：
    gdviz run --data linear --lr 0.1 --steps 1 --json
  教程 002，学习率过大（损失爆炸）：
    gdviz run --data linear --lr 1.1
  教程 000，只对 b 做梯度下降（误差平方和的一半，b0 = 1）：
    gdviz run --data house --model constant --reduction half-sum --lr 1e-4 --init b=1 --steps 10000
  教程 000，同时下降 w 和 b：x 的尺度不好，下降得非常慢：
    gdviz run --data house --steps 10000000 --no-stop
  教程 001，用随机梯度下降拟合豆子数据；再用 0.01 的固定步长：
    gdviz run --data beans --batch stochastic
    gdviz run --data beans --batch full --step-size 0.01 --steps 300
  你自己的数据，每批 10 个的小批量，留出五分之一作验证集：
    gdviz run --csv points.csv --x-col 0 --y-col 1 --batch-size 10 --val-fraction 0.2
  教程 002 第 4 节，糟糕的特征：先用动量法，再用 Adam，再标准化 x：
    gdviz run --data linear --bad-feature --lr 0.005 --momentum 0.9 --steps 300
    gdviz run --data linear --bad-feature --rule adam --lr 0.1 --steps 300
    gdviz run --data linear --standardise --lr 0.5 --steps 50
  学习率每 50 步减半，梯度裁剪到长度 1：
    gdviz run --data linear --lr 0.5 --schedule step --decay-rate 0.5 --decay-steps 50 --clip norm --clip-value 1
  教程 004，在起点周围半宽为 3 的方框内随机搜索：
    gdviz run --data linear --search-radius 3 --steps 500
  对公式做梯度下降，而不是拟合数据（bowl、valley、rosenbrock、saddle 等）：
    gdviz run --function rosenbrock --rule adam --lr 0.05 --steps 2000

输出：
  不带 --json：数据集、模型、损失函数、设置、运行停在哪里、参数
  及其旁边的最小二乘解析最优解，以及最终损失。
  带 --json 时输出一个对象：status（&quot;ready&quot;：未迭代，&quot;stopped&quot;：走完所有步但
  未收敛，&quot;converged&quot;、&quot;stalled&quot; 或 &quot;diverged&quot;），message（说明停在哪里、为什么，保持英文），
  step、epoch、params {name: value}、grad、optimum {name: value} 或 null、final_loss、
  final_val_loss、loss（第 0..step 步的训练损失：loss[0] 是初始损失）、
  val_loss（同上，没有验证集时为 null）、loss_steps（null，或当超过约 1e6 步的运行
  只保留了稀疏历史时，每个损失值对应的步数）、diverged_at、
  converged_at（第一次收敛的步数，或 null）、n_train、n_val 和 config（用到的每一项
  设置）。不是有限数的数值为 null。

运行何时停止：
  第一次收敛时（除非给了 --no-stop）、发散时，或走完 --steps 步之后。
  &apos;gdviz race&apos; 按同样的规则让每个参赛者停止。

退出状态：
  完成运行时为 0，发散了也是 0（那是一堂课，不是错误）；
  选项、取值或数据文件有误时为 2（stderr 上一行：&quot;gdviz: error: ...&quot;）。
</translation>
    </message>
    <message>
        <source>descend without a window and print the result</source>
        <translation>不开窗口进行梯度下降并打印结果</translation>
    </message>
    <message>
        <source>Run gradient descent without a window and print where it ended.</source>
        <translation>不开窗口运行梯度下降，并打印它停在哪里。</translation>
    </message>
    <message>
        <source>run length and output</source>
        <translation>运行长度和输出</translation>
    </message>
    <message>
        <source>take up to N steps; 0 shows the initial state (default {0})</source>
        <translation>至多迭代 N 步；0 显示初始状态（默认 {0}）</translation>
    </message>
    <message>
        <source>print one JSON object (with the whole loss history) instead of a summary</source>
        <translation>打印一个 JSON 对象（含完整的损失历史）而不是摘要</translation>
    </message>
    <message>
        <source>keep stepping after convergence, up to --steps</source>
        <translation>收敛后继续迭代，直到 --steps</translation>
    </message>
    <message>
        <source>constant  y^ = b</source>
        <translation>常数  y^ = b</translation>
    </message>
    <message>
        <source>through the origin  y^ = w*x</source>
        <translation>过原点的直线  y^ = w*x</translation>
    </message>
    <message>
        <source>line  y^ = w*x + b</source>
        <translation>直线  y^ = w*x + b</translation>
    </message>
    <message>
        <source>polynomial of degree {degree}  y^ = b + w1*x + ... + w{degree}*x^{degree}</source>
        <translation>{degree} 次多项式  y^ = b + w1*x + ... + w{degree}*x^{degree}</translation>
    </message>
    <message>
        <source>two-layer  y^ = k2*{act}(k1*x + b1) + b2</source>
        <translation>两层网络  y^ = k2*{act}(k1*x + b1) + b2</translation>
    </message>
    <message>
        <source>two-layer with {hidden} hidden units  y^ = sum_j k2_j*{act}(k1_j*x + b1_j) + b2</source>
        <translation>有 {hidden} 个隐藏单元的两层网络  y^ = sum_j k2_j*{act}(k1_j*x + b1_j) + b2</translation>
    </message>
    <message>
        <source>mean absolute error (L1)  L = (1/n)*sum |y^ - y|</source>
        <translation>平均绝对误差（L1）  L = (1/n)*sum |y^ - y|</translation>
    </message>
    <message>
        <source>sum of absolute errors (L1)  L = sum |y^ - y|</source>
        <translation>绝对误差之和（L1）  L = sum |y^ - y|</translation>
    </message>
    <message>
        <source>mean Huber loss, delta {delta}  L = (1/n)*sum huber(y^ - y)</source>
        <translation>平均 Huber 损失，delta {delta}  L = (1/n)*sum huber(y^ - y)</translation>
    </message>
    <message>
        <source>sum of Huber losses, delta {delta}  L = sum huber(y^ - y)</source>
        <translation>Huber 损失之和，delta {delta}  L = sum huber(y^ - y)</translation>
    </message>
    <message>
        <source>mean squared error  L = (1/n)*sum (y^ - y)^2</source>
        <translation>均方误差  L = (1/n)*sum (y^ - y)^2</translation>
    </message>
    <message>
        <source>sum of squared errors  L = sum (y^ - y)^2</source>
        <translation>误差平方和  L = sum (y^ - y)^2</translation>
    </message>
    <message>
        <source>half the sum of squared errors  L = 1/2*sum (y^ - y)^2</source>
        <translation>误差平方和的一半  L = 1/2*sum (y^ - y)^2</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>stalled</source>
        <translation>停滞</translation>
    </message>
    <message>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终</translation>
    </message>
    <message>
        <source>race</source>
        <translation>比赛</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>learning rate {0}</source>
        <translation>学习率 {0}</translation>
    </message>
    <message>
        <source>gradient descent, {0}</source>
        <translation>梯度下降，{0}</translation>
    </message>
    <message>
        <source>fixed-step descent, step size {0}</source>
        <translation>固定步长下降，步长 {0}</translation>
    </message>
    <message>
        <source>momentum (beta {0}), {1}</source>
        <translation>动量法（beta {0}），{1}</translation>
    </message>
    <message>
        <source>Nesterov momentum (beta {0}), {1}</source>
        <translation>Nesterov 动量法（beta {0}），{1}</translation>
    </message>
    <message>
        <source>AdaGrad (epsilon {0}), {1}</source>
        <translation>AdaGrad（epsilon {0}），{1}</translation>
    </message>
    <message>
        <source>RMSProp (rho {0}, epsilon {1}), {2}</source>
        <translation>RMSProp（rho {0}，epsilon {1}），{2}</translation>
    </message>
    <message>
        <source>Adam (beta1 {0}, beta2 {1}, epsilon {2}), {3}</source>
        <translation>Adam（beta1 {0}，beta2 {1}，epsilon {2}），{3}</translation>
    </message>
    <message>
        <source>random search in the box start +/- {0}</source>
        <translation>在起点 +/- {0} 的方框内随机搜索</translation>
    </message>
    <message>
        <source>direction search, step size {0}</source>
        <translation>方向搜索，步长 {0}</translation>
    </message>
    <message>
        <source>, gradient clipped by {0} to {1}</source>
        <translation>，梯度按 {0} 裁剪到 {1}</translation>
    </message>
    <message>
        <source>, {0} schedule (decay rate {1}, decay steps {2})</source>
        <translation>，{0} 学习率调度（衰减率 {1}，衰减步数 {2}）</translation>
    </message>
    <message>
        <source>full batch ({0} points a step)</source>
        <translation>批量梯度下降（每步 {0} 个点）</translation>
    </message>
    <message>
        <source>stochastic (1 point a step)</source>
        <translation>随机梯度下降（每步 1 个点）</translation>
    </message>
    <message>
        <source>mini-batches of {0}</source>
        <translation>小批量梯度下降，每批 {0} 个点</translation>
    </message>
    <message>
        <source>{0}, {1}, seed {2}</source>
        <translation>{0}，{1}，随机种子 {2}</translation>
    </message>
    <message>
        <source>  (epoch {0})</source>
        <translation>  （第 {0} 轮）</translation>
    </message>
    <message>
        <source>closed-form optimum</source>
        <translation>解析最优解</translation>
    </message>
    <message>
        <source>best so far</source>
        <translation>目前最好</translation>
    </message>
    <message>
        <source>nearest minimum</source>
        <translation>最近的极小值</translation>
    </message>
    <message>
        <source>at most {0} (every runner from the same start)</source>
        <translation>至多 {0} 步（所有参赛者从同一起点出发）</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>更新规则</translation>
    </message>
    <message>
        <source>final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>diverged at {0}</source>
        <translation>第 {0} 步发散</translation>
    </message>
    <message>
        <source>converged at {0}</source>
        <translation>第 {0} 步收敛</translation>
    </message>
    <message>
        <source>, 1 sample</source>
        <translation>，1 个样本</translation>
    </message>
    <message>
        <source>, batch {0}</source>
        <translation>，每批 {0}</translation>
    </message>
    <message>
        <source>train {0}, validation {1}</source>
        <translation>训练 {0}，验证 {1}</translation>
    </message>
    <message>
        <source>train {0} (no validation set)</source>
        <translation>训练 {0}（没有验证集）</translation>
    </message>
    <message>
        <source>{0} training points</source>
        <translation>{0} 个训练点</translation>
    </message>
    <message>
        <source>, {0} validation</source>
        <translation>，{0} 个验证点</translation>
    </message>
    <message>
        <source> (on standardised x)</source>
        <translation>（在标准化的 x 上）</translation>
    </message>
    <message>
        <source>{0} ({1} -&gt; {2}): {3}</source>
        <translation>{0}（{1} -&gt; {2}）：{3}</translation>
    </message>
    <message>
        <source>fixed, random-search and direction-search use no learning rate</source>
        <translation>fixed、random-search 和 direction-search 不使用学习率</translation>
    </message>
    <message>
        <source>the searches compare the loss of all training points and never read the gradient</source>
        <translation>搜索法比较的是全部训练点上的损失，从不读取梯度</translation>
    </message>
    <message>
        <source>a function has no data (every step is a full step)</source>
        <translation>函数没有数据（每一步都用全部）</translation>
    </message>
    <message>
        <source>with --function: {0}</source>
        <translation>使用 --function 时，{0}</translation>
    </message>
    <message>
        <source>with --model poly: a polynomial always sees standardised x</source>
        <translation>使用 --model poly 时，多项式总是用标准化的 x</translation>
    </message>
    <message>
        <source>with --model constant: y^ = b does not read x</source>
        <translation>使用 --model constant 时，y^ = b 不读取 x</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>it is read by {0}</source>
        <translation>只有 {0} 读取它</translation>
    </message>
    <message>
        <source>with --rule {0}: {1}</source>
        <translation>使用 --rule {0} 时，{1}</translation>
    </message>
    <message>
        <source>with --batch full: every step uses all samples, in no order</source>
        <translation>使用 --batch full 时，每一步都用全部样本，没有顺序可言</translation>
    </message>
    <message>
        <source>with --batch {0}: it is the size of --batch mini</source>
        <translation>使用 --batch {0} 时，它是 --batch mini 的批大小</translation>
    </message>
    <message>
        <source>without --clip: it is the bound of --clip value or --clip norm</source>
        <translation>没有 --clip 时，它是 --clip value 或 --clip norm 的界</translation>
    </message>
    <message>
        <source>without --schedule: it shapes a step, exponential or inverse schedule</source>
        <translation>没有 --schedule 时，它只用于 step、exponential 或 inverse 学习率调度</translation>
    </message>
    <message>
        <source>with --loss {0}: delta is where --loss huber bends</source>
        <translation>使用 --loss {0} 时，delta 是 --loss huber 的转折点</translation>
    </message>
    <message>
        <source>with --model {0}: it is the degree of --model poly</source>
        <translation>使用 --model {0} 时，它是 --model poly 的次数</translation>
    </message>
    <message>
        <source>with --model {0}: it shapes the hidden units of --model two-layer</source>
        <translation>使用 --model {0} 时，它只用于 --model two-layer 的隐藏单元</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a number</source>
        <translation>&apos;{0}&apos; 不是数</translation>
    </message>
    <message>
        <source>must be a finite number, got &apos;{0}&apos;</source>
        <translation>必须是有限的数，得到的是 &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>must be a positive number, got {0}</source>
        <translation>必须是正数，得到的是 {0}</translation>
    </message>
    <message>
        <source>must be at most {0}, got {1}</source>
        <translation>至多为 {0}，得到的是 {1}</translation>
    </message>
    <message>
        <source>must be a number from 0 to 1, got {0}</source>
        <translation>必须是 0 到 1 之间的数，得到的是 {0}</translation>
    </message>
    <message>
        <source>must be at least 0 and below 1, got {0}</source>
        <translation>必须大于等于 0 且小于 1，得到的是 {0}</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a whole number</source>
        <translation>&apos;{0}&apos; 不是整数</translation>
    </message>
    <message>
        <source>must be 0 or more, got {0}</source>
        <translation>必须大于等于 0，得到的是 {0}</translation>
    </message>
    <message>
        <source>must be at least {0}, got {1}</source>
        <translation>至少为 {0}，得到的是 {1}</translation>
    </message>
    <message>
        <source>expected name=value pairs like w=0.5,b=1, got &apos;{0}&apos;</source>
        <translation>应为 名称=值 的形式，如 w=0.5,b=1，得到的是 &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a parameter name (use w and b, e.g. w=0.5,b=1)</source>
        <translation>&apos;{0}&apos; 不是参数名（请用 w 和 b，例如 w=0.5,b=1）</translation>
    </message>
    <message>
        <source>parameter &apos;{0}&apos; is given twice</source>
        <translation>参数 &apos;{0}&apos; 给了两次</translation>
    </message>
    <message>
        <source>{0} (in &apos;{1}&apos;)</source>
        <translation>{0}（在 &apos;{1}&apos; 中）</translation>
    </message>
    <message>
        <source>{0} must be between -{1} and {1} (exclusive), got {2}</source>
        <translation>{0} 必须在 -{1} 和 {1} 之间（不含端点），得到的是 {2}</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
</context>
<context>
    <name>CurveView</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss curve (needs one parameter)</source>
        <translation>损失曲线（需要恰好一个参数）</translation>
    </message>
    <message>
        <source>{0} with its tangent</source>
        <translation>{0} 及其切线</translation>
    </message>
    <message>
        <source>Loss L({0})</source>
        <translation>损失 L({0})</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Data and fitted line</source>
        <translation>数据与拟合直线</translation>
    </message>
    <message>
        <source>Edit the points: click adds one, right-click removes one, drag moves one; every edit refits (Ctrl+Z undoes it)</source>
        <translation>编辑数据点：单击添加一个，右键删除一个，拖动移动一个；每次编辑都会重新拟合（Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>least squares</source>
        <translation>最小二乘</translation>
    </message>
    <message>
        <source>fitted line</source>
        <translation>拟合直线</translation>
    </message>
    <message>
        <source>fitted curve</source>
        <translation>拟合曲线</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>current batch</source>
        <translation>当前批量</translation>
    </message>
    <message>
        <source>Data: {0}</source>
        <translation>数据：{0}</translation>
    </message>
    <message>
        <source>(showing {0} of {1} points)</source>
        <translation>（显示 {1} 个点中的 {0} 个）</translation>
    </message>
    <message>
        <source>{0} ✕ diverged</source>
        <translation>{0} ✕ 已发散</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>house</source>
        <translation>房价</translation>
    </message>
    <message>
        <source>area (m²)</source>
        <translation>面积 (m²)</translation>
    </message>
    <message>
        <source>price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>beans</source>
        <translation>豆子</translation>
    </message>
    <message>
        <source>bean size</source>
        <translation>豆子大小</translation>
    </message>
    <message>
        <source>toxicity</source>
        <translation>毒性</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>直线 y = 1 + 2x</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>rooms</source>
        <translation>房间数</translation>
    </message>
    <message>
        <source>rooms (RM)</source>
        <translation>房间数 (RM)</translation>
    </message>
    <message>
        <source>price (MEDV, $1000s)</source>
        <translation>房价 (MEDV，千美元)</translation>
    </message>
    <message>
        <source>tutorial 004: 506 houses, scikit-learn&apos;s Boston data, columns RM and MEDV</source>
        <translation>教程 004：506 套房屋，scikit-learn 的波士顿房价数据，RM 列与 MEDV 列</translation>
    </message>
    <message>
        <source>line-1000</source>
        <translation>1000 个点</translation>
    </message>
    <message>
        <source>tutorial 003: x ~ N(0, 1), y = 2x + 4 + 0.02·U(0, 1), 1000 points</source>
        <translation>教程 003：x ~ N(0, 1)，y = 2x + 4 + 0.02·U(0, 1)，共 1000 个点</translation>
    </message>
    <message>
        <source>quadratic</source>
        <translation>二次曲线</translation>
    </message>
    <message>
        <source>y = x² − 2 + noise: a line cannot follow it</source>
        <translation>y = x² − 2 + 噪声：直线无法拟合它</translation>
    </message>
    <message>
        <source>sine</source>
        <translation>正弦曲线</translation>
    </message>
    <message>
        <source>y = sin(x) + noise over one period</source>
        <translation>y = sin(x) + 噪声，一个周期</translation>
    </message>
    <message>
        <source>outliers</source>
        <translation>离群点</translation>
    </message>
    <message>
        <source>a line with three far points: L2 follows them, Huber and L1 do not</source>
        <translation>一条直线加三个远离的点：L2 会被它们拉偏，Huber 和 L1 不会</translation>
    </message>
    <message>
        <source>f(x) = x² + 5  (tutorial 000)</source>
        <translation>f(x) = x² + 5  （教程 000）</translation>
    </message>
    <message>
        <source>Round bowl  x² + y²</source>
        <translation>圆碗  x² + y²</translation>
    </message>
    <message>
        <source>Narrow valley  ½(x² + 25y²)</source>
        <translation>狭长山谷  ½(x² + 25y²)</translation>
    </message>
    <message>
        <source>Rosenbrock  (1 − x)² + 100(y − x²)²</source>
        <translation>Rosenbrock 函数  (1 − x)² + 100(y − x²)²</translation>
    </message>
    <message>
        <source>Saddle  x² − y²</source>
        <translation>鞍点  x² − y²</translation>
    </message>
    <message>
        <source>Four minima  (Himmelblau)</source>
        <translation>四个极小值  （Himmelblau 函数）</translation>
    </message>
    <message>
        <source>f(x) = 10x² + 5x + 5  (tutorial 004)</source>
        <translation>f(x) = 10x² + 5x + 5  （教程 004）</translation>
    </message>
    <message>
        <source>Sigmoid  σ(x) = 1/(1 + e⁻ˣ)  (tutorial 004)</source>
        <translation>Sigmoid 函数  σ(x) = 1/(1 + e⁻ˣ)  （教程 004）</translation>
    </message>
    <message>
        <source>ReLU  max(0, x)  (tutorial 004)</source>
        <translation>ReLU 函数  max(0, x)  （教程 004）</translation>
    </message>
    <message>
        <source>Learning rate: low, high, too high (tutorial 002)</source>
        <translation>学习率：偏小、偏大、过大（教程 002）</translation>
    </message>
    <message>
        <source>The same descent with η = 0.2, 0.8 and 1.1: small steps creep, large ones overshoot and swing back, and past the limit every step overshoots more until the loss explodes.</source>
        <translation>同样的梯度下降，η 分别为 0.2、0.8 和 1.1：小步长缓慢前进；大步长越过最低点又摆回来；超过极限后每一步都越冲越远，直到损失爆炸。</translation>
    </message>
    <message>
        <source>η = 0.2</source>
        <translation>η = 0.2</translation>
    </message>
    <message>
        <source>η = 0.8</source>
        <translation>η = 0.8</translation>
    </message>
    <message>
        <source>η = 1.1</source>
        <translation>η = 1.1</translation>
    </message>
    <message>
        <source>Full batch, stochastic, mini-batch (tutorial 001)</source>
        <translation>批量、随机、小批量梯度下降（教程 001）</translation>
    </message>
    <message>
        <source>Every step uses all 100 beans, one bean, or 10 beans (η = 0.5, mean squared error): one bean is cheap but the line jitters, all beans move smoothly, 10 beans sit between.</source>
        <translation>每一步分别使用全部 100 颗豆子、1 颗豆子或 10 颗豆子（η = 0.5，均方误差）：用 1 颗计算量小但直线抖动，用全部豆子移动平稳，10 颗介于两者之间。</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>stochastic</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>mini-batch 10</source>
        <translation>小批量 10</translation>
    </message>
    <message>
        <source>Gradient descent, momentum, Adam in a narrow valley</source>
        <translation>狭长山谷中的梯度下降、动量法与 Adam</translation>
    </message>
    <message>
        <source>Plain descent (η = 0.07) zig-zags across the valley and crawls along it; momentum (same η, β = 0.6) builds speed along the floor and arrives first; Adam (η = 0.3) walks a steady, straight path.</source>
        <translation>普通梯度下降（η = 0.07）在山谷两壁间来回振荡，沿谷底缓慢爬行；动量法（相同 η，β = 0.6）沿谷底逐渐加速，最先到达；Adam（η = 0.3）走出一条平稳、笔直的路径。</translation>
    </message>
    <message>
        <source>gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Random search, direction search, gradient descent (tutorial 004)</source>
        <translation>随机搜索、方向搜索与梯度下降（教程 004）</translation>
    </message>
    <message>
        <source>Random search tries points of a box and keeps the best; direction search steps 0.02 along one of four diagonals while the loss falls; gradient descent (η = 0.2) goes straight down.</source>
        <translation>随机搜索在一个方框内随机试点并保留最好的点；方向搜索只要损失在下降，就沿四条对角线之一每次走 0.02；梯度下降（η = 0.2）则直奔下坡方向。</translation>
    </message>
    <message>
        <source>random search</source>
        <translation>随机搜索</translation>
    </message>
    <message>
        <source>direction search</source>
        <translation>方向搜索</translation>
    </message>
    <message>
        <source>Rooms → price: random search, direction search, gradient descent (tutorial 004)</source>
        <translation>房间数 → 房价：随机搜索、方向搜索与梯度下降（教程 004）</translation>
    </message>
    <message>
        <source>From (k, b) = (−150, −150): random search tries points of the box [−200, −100]² (radius 50) and finds no good line there; direction search steps 0.3 along a diagonal while the loss falls; gradient descent (η = 1e-3) goes downhill, near a loss of 52 after 50,000 steps.</source>
        <translation>从 (k, b) = (−150, −150) 出发：随机搜索在方框 [−200, −100]²（半径 50）内试点，那里找不到好的直线；方向搜索只要损失在下降，就沿一条对角线每次走 0.3；梯度下降（η = 1e-3）一路下坡，50,000 步后损失接近 52。</translation>
    </message>
    <message>
        <source>Rooms → price: the two-layer model at three learning rates (tutorial 004)</source>
        <translation>房间数 → 房价：两层模型在三种学习率下（教程 004）</translation>
    </message>
    <message>
        <source>ŷ = k2·σ(k1·x + b1) + b2 from (1, 0, 1, 0): σ′ ≈ 0.002 at six rooms, so k1 and b1 barely move (the vanishing gradient) while k2 and b2 fit the mean; Adam rescales each step and escapes sooner.</source>
        <translation>ŷ = k2·σ(k1·x + b1) + b2，从 (1, 0, 1, 0) 出发：六个房间处 σ′ ≈ 0.002，所以 k1 和 b1 几乎不动（梯度消失），而 k2 和 b2 去拟合平均值；Adam 对每一步重新缩放，更早摆脱困境。</translation>
    </message>
    <message>
        <source>η = 1e-3</source>
        <translation>η = 1e-3</translation>
    </message>
    <message>
        <source>η = 3e-3</source>
        <translation>η = 3e-3</translation>
    </message>
    <message>
        <source>Adam η = 0.05</source>
        <translation>Adam η = 0.05</translation>
    </message>
    <message>
        <source>Beans one at a time: in order or shuffled (tutorial 001)</source>
        <translation>豆子逐颗训练：按顺序还是打乱（教程 001）</translation>
    </message>
    <message>
        <source>Stochastic descent, α = 0.1, y = w·x from w = 0.1: in the list&apos;s order (the tutorial&apos;s loop, small beans first) the line creeps up bean by bean; shuffled beans give a noisier but even walk.</source>
        <translation>随机梯度下降，α = 0.1，y = w·x，从 w = 0.1 出发：按列表顺序（教程中的循环，小豆子在前）时直线一颗一颗地慢慢抬高；打乱顺序时路径噪声更大，但前进更均匀。</translation>
    </message>
    <message>
        <source>in order</source>
        <translation>按顺序</translation>
    </message>
    <message>
        <source>shuffled</source>
        <translation>打乱顺序</translation>
    </message>
    <message>
        <source>House prices, b alone (tutorial 000)</source>
        <translation>房价，只训练 b（教程 000）</translation>
    </message>
    <message>
        <source>y = b on the six houses with the tutorial&apos;s loss, the plain sum Σ(b − y)², from b = 1: it prints 346779 first. Its slope Σ(b − y) is half the derivative of that sum, so its learning rate 1e-4 is η = 5e-5 here.</source>
        <translation>在六套房屋上用 y = b，损失函数与教程相同，为简单求和 Σ(b − y)²，从 b = 1 出发：第一次输出 346779。教程用的斜率 Σ(b − y) 是该求和导数的一半，所以它的学习率 1e-4 在这里相当于 η = 5e-5。</translation>
    </message>
    <message>
        <source>Beans, one at a time in order (tutorial 001)</source>
        <translation>豆子，按顺序逐颗训练（教程 001）</translation>
    </message>
    <message>
        <source>y = w·x from w = 0.1, one bean a step in the order of the list, α = 0.1, squared error of that bean: 100 passes over the 100 beans, exactly the tutorial&apos;s loop.</source>
        <translation>y = w·x，从 w = 0.1 出发，每步按列表顺序取一颗豆子，α = 0.1，损失为这颗豆子的平方误差：对 100 颗豆子遍历 100 轮，与教程的循环完全一致。</translation>
    </message>
    <message>
        <source>1000 points, lines after 10, 20, 30, 100 and 1000 epochs (tutorial 003)</source>
        <translation>1000 个点，第 10、20、30、100 和 1000 轮后的直线（教程 003）</translation>
    </message>
    <message>
        <source>y = w·x + b from (0, 0) at η = 0.01 on the mean squared error, every step one epoch over all 1000 points; the line is pinned after 10, 20, 30, 100 and 1000 epochs.</source>
        <translation>y = w·x + b，从 (0, 0) 出发，η = 0.01，损失函数为均方误差，每一步是对全部 1000 个点的一轮；在第 10、20、30、100 和 1000 轮后固定显示当时的直线。</translation>
    </message>
    <message>
        <source>Rooms → price: random search, 5000 tries (tutorial 004)</source>
        <translation>房间数 → 房价：随机搜索，试 5000 次（教程 004）</translation>
    </message>
    <message>
        <source>Each try is a random k, b in [−200, −100] (the box around the start (−150, −150) of radius 50); the best so far is kept. The box holds no good line: the best loss stays in the hundreds of thousands.</source>
        <translation>每次在 [−200, −100] 中随机取 k 和 b（以起点 (−150, −150) 为中心、半径 50 的方框），保留目前最好的。方框里没有好的直线：最好的损失仍有几十万。</translation>
    </message>
    <message>
        <source>Rooms → price: direction search, step 0.3, 10000 tries (tutorial 004)</source>
        <translation>房间数 → 房价：方向搜索，步长 0.3，试 10000 次（教程 004）</translation>
    </message>
    <message>
        <source>From (−150, −150) try k ± 0.3, b ± 0.3 and keep going while the loss falls, else turn at random.</source>
        <translation>从 (−150, −150) 出发，尝试 k ± 0.3、b ± 0.3；损失下降就继续沿此方向走，否则随机换一个方向。</translation>
    </message>
    <message>
        <source>Rooms → price: gradient descent, 50000 steps (tutorial 004)</source>
        <translation>房间数 → 房价：梯度下降，50000 步（教程 004）</translation>
    </message>
    <message>
        <source>From (−150, −150) at η = 1e-3 on the mean squared error: after 50000 steps the loss is about 52.2, the tutorial&apos;s &apos;min cost about 50&apos;; least squares reaches 43.6.</source>
        <translation>从 (−150, −150) 出发，η = 1e-3，损失函数为均方误差：50000 步后损失约为 52.2，即教程中的“最小代价约 50”；最小二乘解可达 43.6。</translation>
    </message>
    <message>
        <source>Rooms → price: the two-layer model ŷ = k2·σ(k1·x + b1) + b2 (tutorial 004)</source>
        <translation>房间数 → 房价：两层模型 ŷ = k2·σ(k1·x + b1) + b2（教程 004）</translation>
    </message>
    <message>
        <source>From (k1, b1, k2, b2) = (1, 0, 1, 0) at η = 1e-3: σ′ ≈ 0.002 at six rooms, so k1 hardly moves at first (the vanishing gradient); the curve then bends below the line&apos;s loss.</source>
        <translation>从 (k1, b1, k2, b2) = (1, 0, 1, 0) 出发，η = 1e-3：六个房间处 σ′ ≈ 0.002，所以 k1 起初几乎不动（梯度消失）；之后曲线弯折，损失降到直线模型之下。</translation>
    </message>
    <message>
        <source>diverged at step {0}: f falls without bound (no minimum this way)</source>
        <translation>第 {0} 步发散：f 无下界地减小（这个方向没有最小值）</translation>
    </message>
    <message>
        <source>diverged at step {0}: {1}</source>
        <translation>第 {0} 步发散：{1}</translation>
    </message>
    <message>
        <source>converged at step {0}</source>
        <translation>第 {0} 步收敛</translation>
    </message>
    <message>
        <source>stalled: the gradient is 0 here, but this is no minimum</source>
        <translation>停滞：这里梯度为 0，但这不是最小值</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>the loss exploded — lower the step size</source>
        <translation>损失爆炸——请减小步长</translation>
    </message>
    <message>
        <source>the parameters left ±1e100 — lower the search radius</source>
        <translation>参数超出了 ±1e100——请减小搜索半径</translation>
    </message>
    <message>
        <source>the parameters left ±1e100 — lower the step size</source>
        <translation>参数超出了 ±1e100——请减小步长</translation>
    </message>
    <message>
        <source>the loss exploded — lower the learning rate</source>
        <translation>损失爆炸——请减小学习率</translation>
    </message>
    <message>
        <source>stalled: the step changes nothing at this step size — try a larger step size</source>
        <translation>停滞：在这个步长下每一步都没有变化——试试更大的步长</translation>
    </message>
    <message>
        <source>stalled: the step changes nothing at this η — try a larger η</source>
        <translation>停滞：在这个 η 下每一步都没有变化——试试更大的 η</translation>
    </message>
    <message>
        <source>{0} must be in [0, 1) (0 or more and below 1), got {1:g}</source>
        <translation>{0} 必须在 [0, 1) 之内（大于或等于 0 且小于 1），实际为 {1:g}</translation>
    </message>
    <message>
        <source>sample order must be {0}, got {1!r}</source>
        <translation>样本顺序必须是 {0}，实际为 {1!r}</translation>
    </message>
    <message>
        <source>{0} must be a number, got {1!r}</source>
        <translation>{0} 必须是一个数，实际为 {1!r}</translation>
    </message>
    <message>
        <source>{0} must be a positive finite number, got {1:g}</source>
        <translation>{0} 必须是有限的正数，实际为 {1:g}</translation>
    </message>
    <message>
        <source>{0} must be a positive number of at most {1}, got {2:g}</source>
        <translation>{0} 必须是不大于 {1} 的正数，实际为 {2:g}</translation>
    </message>
    <message>
        <source>{0} must be a whole number from 1 to {1}, got {2:g}</source>
        <translation>{0} 必须是 1 到 {1} 之间的整数，实际为 {2:g}</translation>
    </message>
    <message>
        <source>seed must be a whole number from 0 to {0}, got {1!r}</source>
        <translation>随机种子必须是 0 到 {0} 之间的整数，实际为 {1!r}</translation>
    </message>
    <message>
        <source>unknown parameter &apos;{0}&apos; in the initial values (use {1})</source>
        <translation>初始值里有未知的参数 &apos;{0}&apos;（可用：{1}）</translation>
    </message>
    <message>
        <source>initial {0} must be a number, got {1!r}</source>
        <translation>{0} 的初始值必须是一个数，实际为 {1!r}</translation>
    </message>
    <message>
        <source>initial {0} must be finite and below 1e100 in size, got {1:g}</source>
        <translation>{0} 的初始值必须是有限的数，且绝对值小于 1e100，实际为 {1:g}</translation>
    </message>
    <message>
        <source>f overflows at the start {0}: start nearer the minimum</source>
        <translation>f 在起点 {0} 处溢出：请从离最小值更近的地方出发</translation>
    </message>
    <message>
        <source>the loss overflows at the start {0} on these data: start nearer 0, rescale x or use Standardise x</source>
        <translation>在这些数据上，损失函数在起点 {0} 处溢出：请从离 0 更近的地方出发、缩放 x，或使用标准化 x</translation>
    </message>
    <message>
        <source>tolerance must be a number from 0 to 1, got {0!r}</source>
        <translation>收敛容差必须是 0 到 1 之间的数，实际为 {0!r}</translation>
    </message>
    <message>
        <source>tolerance must be a number from 0 to 1, got {0:g}</source>
        <translation>收敛容差必须是 0 到 1 之间的数，实际为 {0:g}</translation>
    </message>
    <message>
        <source>colour of &apos;{0}&apos; must be a palette index or #rrggbb, got {1!r}</source>
        <translation>&apos;{0}&apos; 的颜色必须是调色板序号或 #rrggbb 颜色，实际为 {1!r}</translation>
    </message>
    <message>
        <source>no runner {0}: the race has runners 0 to {1}</source>
        <translation>没有参赛者 {0}：这场比赛的参赛者是 0 到 {1}</translation>
    </message>
    <message>
        <source>unknown race &apos;{0}&apos; (choose from {1})</source>
        <translation>没有名为 &apos;{0}&apos; 的比赛（可选：{1}）</translation>
    </message>
    <message>
        <source>a race needs {0} to {1} runs, got {2}</source>
        <translation>一场比赛需要 {0} 到 {1} 个参赛者，实际为 {2}</translation>
    </message>
    <message>
        <source>race entries need different names, got {0}</source>
        <translation>参赛者的名字必须各不相同，实际为 {0}</translation>
    </message>
    <message>
        <source>unknown function &apos;{0}&apos; (choose from {1})</source>
        <translation>没有名为 &apos;{0}&apos; 的函数（可选：{1}）</translation>
    </message>
    <message>
        <source>unknown loss {0!r} (choose from {1})</source>
        <translation>没有名为 {0!r} 的损失函数（可选：{1}）</translation>
    </message>
    <message>
        <source>the {0} loss has no {1} reduction (use {2})</source>
        <translation>{0} 损失没有 {1} 汇总方式（请用 {2}）</translation>
    </message>
    <message>
        <source>Huber delta must be a number, got {0!r}</source>
        <translation>Huber 的 δ 必须是一个数，实际为 {0!r}</translation>
    </message>
    <message>
        <source>Huber delta must be a positive finite number, got {0:g}</source>
        <translation>Huber 的 δ 必须是有限的正数，实际为 {0:g}</translation>
    </message>
    <message>
        <source>polynomial degree must be a whole number from {0} to {1}, got {2!r}</source>
        <translation>多项式的次数必须是 {0} 到 {1} 之间的整数，实际为 {2!r}</translation>
    </message>
    <message>
        <source>hidden units must be a whole number from 1 to {0}, got {1!r}</source>
        <translation>隐藏单元数必须是 1 到 {0} 之间的整数，实际为 {1!r}</translation>
    </message>
    <message>
        <source>activation must be sigmoid or relu, got {0!r}</source>
        <translation>激活函数必须是 sigmoid 或 relu，实际为 {0!r}</translation>
    </message>
    <message>
        <source>{0} values must be finite numbers, found {1:g}</source>
        <translation>{0} 的值必须是有限的数，却有 {1:g}</translation>
    </message>
    <message>
        <source>{0} values near {1} overflow the squared sums; {2}</source>
        <translation>{0} 的值在 {1} 左右，平方和会溢出；{2}</translation>
    </message>
    <message>
        <source>{0} values differ by only {1:g}: their squares underflow; {2}</source>
        <translation>{0} 的值之间只相差 {1:g}：它们的平方会下溢；{2}</translation>
    </message>
    <message>
        <source>training x values differ by only {0:g}: too little to standardise; rescale x</source>
        <translation>训练集的 x 值之间只相差 {0:g}：差别太小，无法标准化；请缩放 x</translation>
    </message>
    <message>
        <source>x values near {0} are so small that their squares underflow; {1}</source>
        <translation>x 的值在 {0} 左右，小到平方会下溢；{1}</translation>
    </message>
    <message>
        <source>every training x is the same: x cannot be standardised for this model</source>
        <translation>每个训练点的 x 都相同：这个模型无法标准化 x</translation>
    </message>
    <message>
        <source>a surface needs two parameters, got only {0}</source>
        <translation>曲面需要两个参数，却只有 {0}</translation>
    </message>
    <message>
        <source>no parameter &apos;{0}&apos; (the parameters are {1})</source>
        <translation>没有参数 &apos;{0}&apos;（参数是 {1}）</translation>
    </message>
    <message>
        <source>no parameter {0!r} (the parameters are {1})</source>
        <translation>没有参数 {0!r}（参数是 {1}）</translation>
    </message>
    <message>
        <source>a surface needs two different parameters, got {0}</source>
        <translation>曲面需要两个不同的参数，实际为 {0}</translation>
    </message>
    <message>
        <source>the graph has no model &apos;{0}&apos; (models: {1})</source>
        <translation>计算图没有模型 &apos;{0}&apos;（模型：{1}）</translation>
    </message>
    <message>
        <source>the graph has no loss &apos;{0}&apos; (losses: {1})</source>
        <translation>计算图没有损失函数 &apos;{0}&apos;（损失函数：{1}）</translation>
    </message>
    <message>
        <source>the {0} loss has no reduction &apos;{1}&apos; (use {2})</source>
        <translation>{0} 损失没有汇总方式 &apos;{1}&apos;（请用 {2}）</translation>
    </message>
    <message>
        <source>Huber&apos;s delta must be a positive finite number, got {0!r}</source>
        <translation>Huber 的 δ 必须是有限的正数，实际为 {0!r}</translation>
    </message>
    <message>
        <source>the polynomial degree must be a whole number from 1 to {0}, got {1!r}</source>
        <translation>多项式的次数必须是 1 到 {0} 之间的整数，实际为 {1!r}</translation>
    </message>
    <message>
        <source>the number of hidden units must be a whole number from 1 to {0}, got {1!r}</source>
        <translation>隐藏单元数必须是 1 到 {0} 之间的整数，实际为 {1!r}</translation>
    </message>
    <message>
        <source>the graph has no activation &apos;{0}&apos; (use {1})</source>
        <translation>计算图没有激活函数 &apos;{0}&apos;（请用 {1}）</translation>
    </message>
    <message>
        <source>model &apos;{0}&apos; needs the parameter {1} (its parameters: {2})</source>
        <translation>模型 &apos;{0}&apos; 需要参数 {1}（它的参数：{2}）</translation>
    </message>
    <message>
        <source>model &apos;{0}&apos; has no parameter {1} (its parameters: {2})</source>
        <translation>模型 &apos;{0}&apos; 没有参数 {1}（它的参数：{2}）</translation>
    </message>
    <message>
        <source>parameter {0} must be a finite number, got {1!r}</source>
        <translation>参数 {0} 必须是有限的数，实际为 {1!r}</translation>
    </message>
    <message>
        <source>x and y must be 1-D arrays of the same non-zero length, got {0} and {1} values</source>
        <translation>x 和 y 必须是长度相同且不为零的一维数组，实际分别有 {0} 个和 {1} 个值</translation>
    </message>
    <message>
        <source>sample {0} is out of range: there are {1} samples (0 to {2})</source>
        <translation>样本 {0} 超出范围：共有 {1} 个样本（0 到 {2}）</translation>
    </message>
    <message>
        <source>the {0} values must be finite numbers</source>
        <translation>{0} 的值必须是有限的数</translation>
    </message>
    <message>
        <source>the graph shows a model fitted to data; function mode has no model</source>
        <translation>计算图显示的是拟合数据的模型；函数模式没有模型</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>此处应当是一个值</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>此处应当是分隔符 &apos;,&apos;</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>此处应当是分隔符 &apos;:&apos;</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>此处应当是用双引号括起来的属性名</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>从此处开始的字符串没有结束</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>此处有无效的控制字符</translation>
    </message>
    <message>
        <source>Invalid control character {0!r} at</source>
        <translation>此处有无效的控制字符 {0!r}</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>末尾有多余的数据</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <translation>无效的 \ 转义</translation>
    </message>
    <message>
        <source>Invalid \escape: {0!r}</source>
        <translation>无效的 \ 转义：{0!r}</translation>
    </message>
    <message>
        <source>Invalid \uXXXX escape</source>
        <translation>无效的 \uXXXX 转义</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of object</source>
        <translation>对象末尾不能有逗号</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of array</source>
        <translation>数组末尾不能有逗号</translation>
    </message>
    <message>
        <source>{0} is not UTF-8 text (byte {1})</source>
        <translation>{0} 不是 UTF-8 编码的文本（第 {1} 字节）</translation>
    </message>
    <message>
        <source>{0} ends too early (truncated?)</source>
        <translation>{0} 提前结束了（文件不完整？）</translation>
    </message>
    <message>
        <source>{0} is not valid JSON at line {1}, column {2} ({3})</source>
        <translation>{0} 在第 {1} 行、第 {2} 列不是有效的 JSON（{3}）</translation>
    </message>
    <message>
        <source>{0} nests deeper than {1} levels</source>
        <translation>{0} 的嵌套超过 {1} 层</translation>
    </message>
    <message>
        <source>{0} holds a number JSON cannot hold ({1})</source>
        <translation>{0} 含有 JSON 无法表示的数（{1}）</translation>
    </message>
    <message>
        <source>{0} is not a JSON number</source>
        <translation>{0} 不是 JSON 中的数</translation>
    </message>
    <message>
        <source>an integer of {0} digits</source>
        <translation>一个 {0} 位的整数</translation>
    </message>
    <message>
        <source>{0}: the file</source>
        <translation>{0}：文件</translation>
    </message>
    <message>
        <source>no CSV file given</source>
        <translation>没有给出 CSV 文件</translation>
    </message>
    <message>
        <source>read as GB18030 (Chinese Windows): it is not UTF-8 (byte {0})</source>
        <translation>按 GB18030（中文 Windows）编码读取：它不是 UTF-8（第 {0} 字节）</translation>
    </message>
    <message>
        <source>cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <source>cannot read {0}: it holds NUL bytes, so it is not a text file (a CSV is text)</source>
        <translation>无法读取 {0}：它含有 NUL 字节，所以不是文本文件（CSV 文件是文本）</translation>
    </message>
    <message>
        <source>cannot read {0}: byte {1} is not valid in the chosen encoding; choose UTF-8, UTF-16 or GB18030 as the encoding</source>
        <translation>无法读取 {0}：第 {1} 字节在所选编码中无效；请把编码选为 UTF-8、UTF-16 或 GB18030</translation>
    </message>
    <message>
        <source>unknown encoding &apos;{0}&apos; for {1}; try UTF-8, UTF-16 or GB18030</source>
        <translation>{1} 的编码 &apos;{0}&apos; 无法识别；请试试 UTF-8、UTF-16 或 GB18030</translation>
    </message>
    <message>
        <source>encoding {0} (it starts with a byte order mark)</source>
        <translation>编码 {0}（文件以字节顺序标记开头）</translation>
    </message>
    <message>
        <source>cannot read {0}: not a text file in UTF-8, UTF-16 or GB18030 (byte {1})</source>
        <translation>无法读取 {0}：它不是 UTF-8、UTF-16 或 GB18030 编码的文本文件（第 {1} 字节）</translation>
    </message>
    <message>
        <source>cannot read {0}: the file ends in the middle of a character</source>
        <translation>无法读取 {0}：文件在一个字符的中间结束了</translation>
    </message>
    <message>
        <source>{0}, line {1}: longer than {2:,} characters, so this is not a CSV table</source>
        <translation>{0}，第 {1} 行：超过 {2:,} 个字符，所以这不是 CSV 表格</translation>
    </message>
    <message>
        <source>loading {0} was cancelled</source>
        <translation>已取消读取 {0}</translation>
    </message>
    <message>
        <source>{0}: the file is empty</source>
        <translation>{0}：文件是空的</translation>
    </message>
    <message>
        <source>{0}: the file has no values after its &apos;sep=&apos; line</source>
        <translation>{0}：文件在 &apos;sep=&apos; 行之后没有数值</translation>
    </message>
    <message>
        <source>{0}: needs two columns x, y; line {1} has {2}</source>
        <translation>{0}：需要 x、y 两列；第 {1} 行只有 {2} 列</translation>
    </message>
    <message>
        <source>{0}: the delimiter must be one of , ; tab or space, got {1!r}</source>
        <translation>{0}：分隔符必须是 ,、;、制表符或空格之一，实际为 {1!r}</translation>
    </message>
    <message>
        <source>{0}: the file has no values</source>
        <translation>{0}：文件中没有数值</translation>
    </message>
    <message>
        <source>{0}: the decimal mark must be &apos;.&apos; or &apos;,&apos;, got {1!r}</source>
        <translation>{0}：小数符号必须是 &apos;.&apos; 或 &apos;,&apos;，实际为 {1!r}</translation>
    </message>
    <message>
        <source>{0}: column index {1} is out of range (the file has {2} columns, 0–{3})</source>
        <translation>{0}：列序号 {1} 超出范围（文件有 {2} 列，序号 0–{3}）</translation>
    </message>
    <message>
        <source>{0}: no column named &apos;{1}&apos; (the file has no header, so no column has a name)</source>
        <translation>{0}：没有名为 &apos;{1}&apos; 的列（文件没有表头，所以各列都没有名字）</translation>
    </message>
    <message>
        <source>{0}: no column named &apos;{1}&apos; (columns: {2})</source>
        <translation>{0}：没有名为 &apos;{1}&apos; 的列（现有的列：{2}）</translation>
    </message>
    <message>
        <source>{0}: cannot choose x and y: it needs two columns of numbers (numbers: {1}; text: {2}); choose them in the x / y column boxes or with --x-col / --y-col</source>
        <translation>{0}：无法选出 x 和 y：需要两列数值（数值列：{1}；文本列：{2}）；请在 x / y 列选择框中选择，或用 --x-col / --y-col 指定</translation>
    </message>
    <message>
        <source>{0}: x and y are the same column ({1}); choose two different columns</source>
        <translation>{0}：x 和 y 是同一列（{1}）；请选择两个不同的列</translation>
    </message>
    <message>
        <source>{0}: more than {1:,} data rows, the row limit; raise the limit (max_rows, --max-rows) to load more</source>
        <translation>{0}：数据行超过 {1:,} 行的上限；要读入更多，请提高上限（max_rows、--max-rows）</translation>
    </message>
    <message>
        <source>{0}, line {1}: empty value in column &apos;{2}&apos;</source>
        <translation>{0}，第 {1} 行：列 &apos;{2}&apos; 的值是空的</translation>
    </message>
    <message>
        <source>{0}, line {1}, column &apos;{2}&apos;: &apos;{3}&apos; is not a finite number (if &apos;,&apos; is the decimal mark, choose the decimal comma)</source>
        <translation>{0}，第 {1} 行，列 &apos;{2}&apos;：&apos;{3}&apos; 不是有限的数（如果 &apos;,&apos; 是小数符号，请选择小数逗号）</translation>
    </message>
    <message>
        <source>{0}, line {1}, column &apos;{2}&apos;: &apos;{3}&apos; is not a finite number</source>
        <translation>{0}，第 {1} 行，列 &apos;{2}&apos;：&apos;{3}&apos; 不是有限的数</translation>
    </message>
    <message>
        <source>{0}: needs at least 2 data rows, found {1}</source>
        <translation>{0}：至少需要 2 行数据，只找到 {1} 行</translation>
    </message>
    <message>
        <source>{0}: column &apos;{1}&apos; is constant ({2:g} in every row): no slope can be fitted</source>
        <translation>{0}：列 &apos;{1}&apos; 是常数（每一行都是 {2:g}）：无法拟合斜率</translation>
    </message>
    <message>
        <source>Excel&apos;s &apos;sep=&apos; line skipped; delimiter {0}</source>
        <translation>已跳过 Excel 的 &apos;sep=&apos; 行；分隔符为 {0}</translation>
    </message>
    <message>
        <source>delimiter {0} (guessed)</source>
        <translation>分隔符为 {0}（自动推测）</translation>
    </message>
    <message>
        <source>decimal comma (guessed: numbers like 155,4)</source>
        <translation>小数逗号（自动推测：数值形如 155,4）</translation>
    </message>
    <message>
        <source>the first row is a header: {0}</source>
        <translation>第一行是表头：{0}</translation>
    </message>
    <message>
        <source>no header: the first row is data</source>
        <translation>没有表头：第一行是数据</translation>
    </message>
    <message>
        <source>the first row holds whole numbers unlike the rows below: if it is a header, say the file has a header</source>
        <translation>第一行是整数，和下面各行不一样：如果它是表头，请注明文件有表头</translation>
    </message>
    <message>
        <source>x = &apos;{0}&apos;, y = &apos;{1}&apos; (the first two columns of numbers)</source>
        <translation>x = &apos;{0}&apos;，y = &apos;{1}&apos;（前两个数值列）</translation>
    </message>
    <message>
        <source>text columns not used: {0}</source>
        <translation>未使用的文本列：{0}</translation>
    </message>
    <message>
        <source>{0} blank lines skipped</source>
        <translation>已跳过 {0} 个空行</translation>
    </message>
    <message>
        <source>the rooms data ({0}) cannot be read: {1}</source>
        <translation>无法读取房间数数据（{0}）：{1}</translation>
    </message>
    <message>
        <source>validation fraction must be in [0, 1), got {0:g}</source>
        <translation>验证集比例必须在 [0, 1) 之内，实际为 {0:g}</translation>
    </message>
    <message>
        <source>validation fraction {0:g} leaves fewer than 2 training points of {1}</source>
        <translation>验证集比例 {0:g} 使 {1} 个点中剩下的训练点不到 2 个</translation>
    </message>
    <message>
        <source>every x is {0:g}: no slope can be fitted</source>
        <translation>所有 x 都是 {0:g}：无法拟合斜率</translation>
    </message>
    <message>
        <source>after the validation split every training x is {0:g}: no slope can be fitted; lower the validation fraction or change the seed</source>
        <translation>划分验证集之后，所有训练点的 x 都是 {0:g}：无法拟合斜率；请减小验证集比例或更换随机种子</translation>
    </message>
    <message>
        <source>unknown data set &apos;{0}&apos; (choose from {1})</source>
        <translation>没有名为 &apos;{0}&apos; 的数据集（可选：{1}）</translation>
    </message>
    <message>
        <source>a setting is not finite: {0!r}</source>
        <translation>有一项设置不是有限的数：{0!r}</translation>
    </message>
    <message>
        <source>the view options nest deeper than {0} levels</source>
        <translation>视图选项的嵌套超过 {0} 层</translation>
    </message>
    <message>
        <source>a view option of type {0} cannot be saved</source>
        <translation>类型为 {0} 的视图选项无法保存</translation>
    </message>
    <message>
        <source>{0}: cannot be read ({1})</source>
        <translation>{0}：无法读取（{1}）</translation>
    </message>
    <message>
        <source>{0}: is larger than {1} MB, no session is that large</source>
        <translation>{0}：大于 {1} MB，会话文件不会这么大</translation>
    </message>
    <message>
        <source>{0} is not a gdviz session (a JSON object is expected)</source>
        <translation>{0} 不是 gdviz 会话文件（应当是一个 JSON 对象）</translation>
    </message>
    <message>
        <source>{0}: is not a gdviz session (format missing)</source>
        <translation>{0}：不是 gdviz 会话文件（缺少 format 字段）</translation>
    </message>
    <message>
        <source>{0}: is not a gdviz session (format {1})</source>
        <translation>{0}：不是 gdviz 会话文件（format 为 {1}）</translation>
    </message>
    <message>
        <source>{0} must be a whole number</source>
        <translation>{0} 必须是整数</translation>
    </message>
    <message>
        <source>{0}: made by a newer gdviz (version {1}); this gdviz reads version {2}</source>
        <translation>{0}：由较新的 gdviz 保存（版本 {1}）；这个 gdviz 只能读取版本 {2}</translation>
    </message>
    <message>
        <source>every training x is {0:g} after the validation split: Standardise x cannot scale a constant column; turn off Standardise x or change the validation split</source>
        <translation>划分验证集后，每个训练点的 x 都是 {0:g}：标准化 x 无法缩放常数列；请关闭标准化 x，或改变验证集的划分</translation>
    </message>
    <message>
        <source>every training x is {0:g}: Standardise x cannot scale a constant column; turn off Standardise x or change the validation split</source>
        <translation>每个训练点的 x 都是 {0:g}：标准化 x 无法缩放常数列；请关闭标准化 x，或改变验证集的划分</translation>
    </message>
    <message>
        <source>{0} values must be finite and below 1e150 in size for this model; rescale {1}</source>
        <translation>对这个模型，{0} 的值必须是有限的数，且绝对值小于 1e150；请缩放 {1}</translation>
    </message>
    <message>
        <source>{0} must be 1 or more</source>
        <translation>{0} 必须大于或等于 1</translation>
    </message>
    <message>
        <source>{0} must be an object</source>
        <translation>{0} 必须是一个对象</translation>
    </message>
    <message>
        <source>{0} is missing</source>
        <translation>{0} 缺失</translation>
    </message>
    <message>
        <source>{0} must be a list</source>
        <translation>{0} 必须是一个列表</translation>
    </message>
    <message>
        <source>{0} is not part of a gdviz session</source>
        <translation>{0} 不属于 gdviz 会话文件</translation>
    </message>
    <message>
        <source>{0} must be true or false</source>
        <translation>{0} 必须是 true 或 false</translation>
    </message>
    <message>
        <source>{0} must be from {1} to {2}</source>
        <translation>{0} 必须在 {1} 到 {2} 之间</translation>
    </message>
    <message>
        <source>{0} must be a number</source>
        <translation>{0} 必须是一个数</translation>
    </message>
    <message>
        <source>{0} must be a finite number</source>
        <translation>{0} 必须是有限的数</translation>
    </message>
    <message>
        <source>{0} must be text</source>
        <translation>{0} 必须是文本</translation>
    </message>
    <message>
        <source>{0} is longer than {1} characters</source>
        <translation>{0} 超过 {1} 个字符</translation>
    </message>
    <message>
        <source>{0} must be one of {1}</source>
        <translation>{0} 必须是以下之一：{1}</translation>
    </message>
    <message>
        <source>{0} must be an object of live settings</source>
        <translation>{0} 必须是由实时设置组成的对象</translation>
    </message>
    <message>
        <source>{0} must be from 0 up to (not including) 1</source>
        <translation>{0} 必须大于或等于 0 且小于 1</translation>
    </message>
    <message>
        <source>{0} must be a number from 0 to 1</source>
        <translation>{0} 必须是 0 到 1 之间的数</translation>
    </message>
    <message>
        <source>{0} must be a list of [name, value] pairs</source>
        <translation>{0} 必须是由 [名称, 值] 对组成的列表</translation>
    </message>
    <message>
        <source>{0} must be a [name, value] pair</source>
        <translation>{0} 必须是一个 [名称, 值] 对</translation>
    </message>
    <message>
        <source>{0} must be below 1e100 in size</source>
        <translation>{0} 的绝对值必须小于 1e100</translation>
    </message>
    <message>
        <source>{0} must be an array object</source>
        <translation>{0} 必须是一个数组对象</translation>
    </message>
    <message>
        <source>{0} must be {1!r}</source>
        <translation>{0} 必须是 {1!r}</translation>
    </message>
    <message>
        <source>{0} must be a list of {1} sizes</source>
        <translation>{0} 必须是由 {1} 个尺寸组成的列表</translation>
    </message>
    <message>
        <source>{0} must have {1} columns</source>
        <translation>{0} 必须有 {1} 列</translation>
    </message>
    <message>
        <source>{0} must be base64 text of the array&apos;s bytes</source>
        <translation>{0} 必须是数组字节的 base64 文本</translation>
    </message>
    <message>
        <source>{0} is larger than its shape allows ({1} bytes)</source>
        <translation>{0} 比它的形状所允许的大（{1} 字节）</translation>
    </message>
    <message>
        <source>{0} is not base64 of zlib-compressed bytes</source>
        <translation>{0} 不是 zlib 压缩字节的 base64 文本</translation>
    </message>
    <message>
        <source>{0} is not base64</source>
        <translation>{0} 不是 base64 文本</translation>
    </message>
    <message>
        <source>{0} holds {1} bytes, the shape needs {2}</source>
        <translation>{0} 含有 {1} 字节，而形状需要 {2} 字节</translation>
    </message>
    <message>
        <source>{0} must hold finite numbers only</source>
        <translation>{0} 只能含有有限的数</translation>
    </message>
    <message>
        <source>{0} must be &apos;function&apos; exactly when config.function is set</source>
        <translation>{0} 必须恰好在设置了 config.function 时为 &apos;function&apos;</translation>
    </message>
    <message>
        <source>{0} cannot be &apos;builtin&apos; for a CSV file (the points must be saved)</source>
        <translation>{0} 对 CSV 文件不能是 &apos;builtin&apos;（必须保存数据点）</translation>
    </message>
    <message>
        <source>{0} must be builtin, points or function</source>
        <translation>{0} 必须是 builtin、points 或 function</translation>
    </message>
    <message>
        <source>{0} must have as many values as {1} ({2})</source>
        <translation>{0} 的值的个数必须与 {1} 相同（{2} 个）</translation>
    </message>
    <message>
        <source>{0} must hold at least 2 points</source>
        <translation>{0} 至少要有 2 个点</translation>
    </message>
    <message>
        <source>{0} must be an object of parameter values</source>
        <translation>{0} 必须是由参数值组成的对象</translation>
    </message>
    <message>
        <source>{0} must be null or [low, high]</source>
        <translation>{0} 必须是 null 或 [下限, 上限]</translation>
    </message>
    <message>
        <source>{0} must have low &lt; high</source>
        <translation>{0} 的下限必须小于上限</translation>
    </message>
    <message>
        <source>{0} must be a list of at most 1000 whole numbers</source>
        <translation>{0} 必须是最多 1000 个整数组成的列表</translation>
    </message>
    <message>
        <source>{0} must hold {1} to {2} runners (a race)</source>
        <translation>{0} 必须有 {1} 到 {2} 个参赛者（比赛）</translation>
    </message>
    <message>
        <source>{0} must hold 1 runner (not a race)</source>
        <translation>{0} 必须恰好有 1 个参赛者（不是比赛）</translation>
    </message>
    <message>
        <source>{0} must have different names</source>
        <translation>{0} 的名字必须各不相同</translation>
    </message>
    <message>
        <source>{0}: cannot start a run: {1}</source>
        <translation>{0}：无法开始运行：{1}</translation>
    </message>
    <message>
        <source>{0} must be a palette index (0 or more) or #rrggbb</source>
        <translation>{0} 必须是调色板序号（大于或等于 0）或 #rrggbb 颜色</translation>
    </message>
    <message>
        <source>{0} must be set exactly when the status is diverged</source>
        <translation>{0} 必须恰好在状态为发散时设置</translation>
    </message>
    <message>
        <source>{0} must hold 1 to {1} changes</source>
        <translation>{0} 必须有 1 到 {1} 次更改</translation>
    </message>
    <message>
        <source>{0} must start at 0 and grow</source>
        <translation>{0} 必须从 0 开始并且递增</translation>
    </message>
    <message>
        <source>{0} must have {1} rows like step</source>
        <translation>{0} 必须和 step 一样有 {1} 行</translation>
    </message>
    <message>
        <source>{0} must grow from 0 to the runner&apos;s step ({1})</source>
        <translation>{0} 必须从 0 递增到该运行的步数（{1}）</translation>
    </message>
    <message>
        <source>{0} and pos must be 0 or more</source>
        <translation>{0} 和 pos 必须大于或等于 0</translation>
    </message>
    <message>
        <source>{0} holds an unknown status code</source>
        <translation>{0} 含有未知的状态码</translation>
    </message>
    <message>
        <source>{0} must be a list of at most {1} ghosts</source>
        <translation>{0} 必须是最多 {1} 条残影轨迹组成的列表</translation>
    </message>
    <message>
        <source>{0} must have 2 or more rows of growing steps, params and losses</source>
        <translation>{0} 必须有 2 行或更多行，步数递增，并带参数和损失</translation>
    </message>
    <message>
        <source>{0} holds more than {1} values</source>
        <translation>{0} 含有超过 {1} 个值</translation>
    </message>
    <message>
        <source>{0} must be &apos;inf&apos;, &apos;-inf&apos; or &apos;nan&apos;</source>
        <translation>{0} 必须是 &apos;inf&apos;、&apos;-inf&apos; 或 &apos;nan&apos;</translation>
    </message>
    <message>
        <source>{0} must be an array object of 1 to 3 dimensions</source>
        <translation>{0} 必须是 1 到 3 维的数组对象</translation>
    </message>
    <message>
        <source>runner {0}: this gdviz computes another history; it was recomputed</source>
        <translation>运行 {0}：这个 gdviz 算出的历史与文件不同；已重新计算</translation>
    </message>
    <message>
        <source>{0} cannot be rebuilt: {1}</source>
        <translation>{0} 无法重建：{1}</translation>
    </message>
    <message>
        <source>the replay stopped at step {0}, the file says {1}</source>
        <translation>重放停在第 {0} 步，而文件记录的是第 {1} 步</translation>
    </message>
    <message>
        <source>{0}: is larger than {1} MB, no lesson is that large</source>
        <translation>{0}：大于 {1} MB，课程文件不会这么大</translation>
    </message>
    <message>
        <source>{0} is not a gdviz lesson (no &quot;format&quot;: &quot;{1}&quot;)</source>
        <translation>{0} 不是 gdviz 课程文件（没有 &quot;format&quot;: &quot;{1}&quot;）</translation>
    </message>
    <message>
        <source>{0} is {1}: this gdviz reads lessons of version {2} (a newer gdviz wrote it)</source>
        <translation>{0} 是 {1}：这个 gdviz 只能读取版本 {2} 的课程文件（它由较新的 gdviz 写成）</translation>
    </message>
    <message>
        <source>{0} must hold 1 to {1} scenes</source>
        <translation>{0} 必须有 1 到 {1} 幕</translation>
    </message>
    <message>
        <source>{0} is missing: the first scene sets the state</source>
        <translation>{0} 缺失：第一幕必须设定状态</translation>
    </message>
    <message>
        <source>{0} is not part of a gdviz lesson (known: {1})</source>
        <translation>{0} 不属于 gdviz 课程文件（可用的有：{1}）</translation>
    </message>
    <message>
        <source>{0} must be a whole number from {1} to {2}</source>
        <translation>{0} 必须是 {1} 到 {2} 之间的整数</translation>
    </message>
    <message>
        <source>{0} must be a finite number from {1:g} to {2:g}</source>
        <translation>{0} 必须是 {1:g} 到 {2:g} 之间的有限的数</translation>
    </message>
    <message>
        <source>{0} needs &quot;en&quot; or &quot;zh_CN&quot;</source>
        <translation>{0} 需要 &quot;en&quot; 或 &quot;zh_CN&quot;</translation>
    </message>
    <message>
        <source>{0} is empty</source>
        <translation>{0} 是空的</translation>
    </message>
    <message>
        <source>{0} holds {1} lines; a caption has one or two</source>
        <translation>{0} 有 {1} 行；字幕只能有一行或两行</translation>
    </message>
    <message>
        <source>{0} must be a positive number</source>
        <translation>{0} 必须是正数</translation>
    </message>
    <message>
        <source>{0} must name 1 to 32 parameters</source>
        <translation>{0} 必须给出 1 到 32 个参数</translation>
    </message>
    <message>
        <source>{0} names both data and a function; a lesson state descends one of them</source>
        <translation>{0} 同时给出了数据和函数；课程的一个状态只能对其中之一做下降</translation>
    </message>
    <message>
        <source>{0} is refused: {1}</source>
        <translation>{0} 被拒绝：{1}</translation>
    </message>
    <message>
        <source>{0} must hold one of config (with live), changes, race or session</source>
        <translation>{0} 必须含有 config（可带 live）、changes、race 或 session 之一</translation>
    </message>
    <message>
        <source>{0} must name a .gdviz file beside the lesson</source>
        <translation>{0} 必须给出与课程文件在同一文件夹中的 .gdviz 文件</translation>
    </message>
    <message>
        <source>{0} needs a scene before it that sets a run (config), not a race or a session</source>
        <translation>{0} 之前需要有一幕设定一次运行（config），而不是比赛或会话</translation>
    </message>
    <message>
        <source>{0} must hold {1} to {2} runners</source>
        <translation>{0} 必须有 {1} 到 {2} 个参赛者</translation>
    </message>
    <message>
        <source>{0} need different names</source>
        <translation>{0} 的名字必须各不相同</translation>
    </message>
    <message>
        <source>{0} holds {1} actions, at most {2}</source>
        <translation>{0} 有 {1} 个动作，最多只能有 {2} 个</translation>
    </message>
    <message>
        <source>{0} is missing: how long to wait</source>
        <translation>{0} 缺失：需要给出等待多久</translation>
    </message>
    <message>
        <source>{0} is missing: how many steps to play</source>
        <translation>{0} 缺失：需要给出播放多少步</translation>
    </message>
    <message>
        <source>{0} names no setting</source>
        <translation>{0} 没有给出任何设置</translation>
    </message>
    <message>
        <source>{0} holds more than {1} steps</source>
        <translation>{0} 含有超过 {1} 个步数</translation>
    </message>
    <message>
        <source>{0} must be [steps a second, steps a frame]</source>
        <translation>{0} 必须是 [每秒步数, 每帧步数]</translation>
    </message>
    <message>
        <source>unknown lesson &apos;{0}&apos; (built in: {1})</source>
        <translation>没有名为 &apos;{0}&apos; 的课程（内置课程：{1}）</translation>
    </message>
    <message>
        <source>no lesson &apos;{0}&apos;: neither a built-in one ({1}) nor a file</source>
        <translation>找不到课程 &apos;{0}&apos;：它既不是内置课程（{1}），也不是文件</translation>
    </message>
    <message>
        <source>{0} is refused by the engine: {1}</source>
        <translation>{0} 被计算引擎拒绝：{1}</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>{0}, got {1}</source>
        <translation>{0}，实际为 {1}</translation>
    </message>
</context>
<context>
    <name>EngineTerms</name>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>step size</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量 β</translation>
    </message>
    <message>
        <source>beta1</source>
        <translation>β₁</translation>
    </message>
    <message>
        <source>beta2</source>
        <translation>β₂</translation>
    </message>
    <message>
        <source>rho</source>
        <translation>ρ</translation>
    </message>
    <message>
        <source>epsilon</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>clip value</source>
        <translation>裁剪界 c</translation>
    </message>
    <message>
        <source>decay rate</source>
        <translation>衰减率 γ</translation>
    </message>
    <message>
        <source>search radius</source>
        <translation>搜索半径</translation>
    </message>
    <message>
        <source>decay steps</source>
        <translation>衰减步数 T</translation>
    </message>
    <message>
        <source>validation x</source>
        <translation>验证集 x</translation>
    </message>
    <message>
        <source>validation y</source>
        <translation>验证集 y</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>spaces</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>带 BOM 的 UTF-8</translation>
    </message>
    <message>
        <source>rescale x or use Standardise x</source>
        <translation>请缩放 x，或使用标准化 x</translation>
    </message>
    <message>
        <source>rescale y</source>
        <translation>请缩放 y</translation>
    </message>
</context>
<context>
    <name>EquationPanel</name>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>sum of squared errors</source>
        <translation>误差平方和</translation>
    </message>
    <message>
        <source>½ sum of squared errors</source>
        <translation>½ 误差平方和</translation>
    </message>
    <message>
        <source>The maths of this step cannot be written out: {0}</source>
        <translation>无法写出这一步的数学式：{0}</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>(step {0})</source>
        <translation>（第 {0} 步）</translation>
    </message>
    <message>
        <source>the formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>x′ = (x − {0}) / {1}  (standardised)</source>
        <translation>x′ = (x − {0}) / {1}  （已标准化）</translation>
    </message>
    <message>
        <source>in original units: {0}</source>
        <translation>换回原始单位：{0}</translation>
    </message>
    <message>
        <source>Loss: {0}, at step {1}</source>
        <translation>损失函数：{0}，第 {1} 步</translation>
    </message>
    <message>
        <source>validation L = &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>验证集 L = &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>training L = &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>训练集 L = &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>all n = {0} training points</source>
        <translation>全部 n = {0} 个训练点</translation>
    </message>
    <message>
        <source>1 sample</source>
        <translation>1 个样本</translation>
    </message>
    <message>
        <source>a batch of n = {0}</source>
        <translation>n = {0} 的小批量</translation>
    </message>
    <message>
        <source>Gradient ({0})</source>
        <translation>梯度（{0}）</translation>
    </message>
    <message>
        <source>Gradient on {0}</source>
        <translation>在{0}上的梯度</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Best point so far (no closed form)</source>
        <translation>目前最好的点（无闭式解）</translation>
    </message>
    <message>
        <source>Least-squares optimum</source>
        <translation>最小二乘最优解</translation>
    </message>
    <message>
        <source>L = &lt;b&gt;{0}&lt;/b&gt; at step {1}</source>
        <translation>L = &lt;b&gt;{0}&lt;/b&gt;，在第 {1} 步</translation>
    </message>
    <message>
        <source>none: f is unbounded below</source>
        <translation>无：f 没有下界</translation>
    </message>
    <message>
        <source>none: these data do not fix a single best line</source>
        <translation>无：这些数据确定不了唯一的最佳直线</translation>
    </message>
    <message>
        <source>original units: {0}</source>
        <translation>原始单位：{0}</translation>
    </message>
    <message>
        <source>‖g‖ = {0} ≤ c = {1}: g is not clipped</source>
        <translation>‖g‖ = {0} ≤ c = {1}：g 不裁剪</translation>
    </message>
    <message>
        <source>g clipped by norm to c = {0}: {1} → &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>g 按范数裁剪到 c = {0}：{1} → &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>every |g&lt;sub&gt;i&lt;/sub&gt;| ≤ c = {0}: g is not clipped</source>
        <translation>每个 |g&lt;sub&gt;i&lt;/sub&gt;| ≤ c = {0}：g 不裁剪</translation>
    </message>
    <message>
        <source>g clipped to [−c, c], c = {0}: {1} → &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>g 裁剪到 [−c, c]，c = {0}：{1} → &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>m before</source>
        <translation>更新前的 m</translation>
    </message>
    <message>
        <source>v before</source>
        <translation>更新前的 v</translation>
    </message>
    <message>
        <source>best so far {0} = {1}: </source>
        <translation>目前最好 {0} = {1}：</translation>
    </message>
    <message>
        <source>&lt;b&gt;kept&lt;/b&gt;: {0} ← &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>&lt;b&gt;接受&lt;/b&gt;：{0} ← &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;rejected&lt;/b&gt;: stay at &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;拒绝&lt;/b&gt;：留在 &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>tried {0} = {1} → {2} = &lt;b&gt;{3}&lt;/b&gt;</source>
        <translation>尝试 {0} = {1} → {2} = &lt;b&gt;{3}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>try θ + s·d with d = {0}: {1} → {2} = &lt;b&gt;{3}&lt;/b&gt;</source>
        <translation>尝试 θ + s·d，d = {0}：{1} → {2} = &lt;b&gt;{3}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>, then turn to another d</source>
        <translation>，然后换一个方向 d</translation>
    </message>
    <message>
        <source>Update, {0}</source>
        <translation>参数更新，{0}</translation>
    </message>
    <message>
        <source>Fixed-step update, s = {0}</source>
        <translation>固定步长更新，s = {0}</translation>
    </message>
    <message>
        <source>Momentum, {0}, β = {1}</source>
        <translation>动量法，{0}，β = {1}</translation>
    </message>
    <message>
        <source>Nesterov momentum, {0}, β = {1}</source>
        <translation>Nesterov 动量法，{0}，β = {1}</translation>
    </message>
    <message>
        <source>AdaGrad, {0}, ε = {1}</source>
        <translation>AdaGrad，{0}，ε = {1}</translation>
    </message>
    <message>
        <source>RMSProp, {0}, ρ = {1}, ε = {2}</source>
        <translation>RMSProp，{0}，ρ = {1}，ε = {2}</translation>
    </message>
    <message>
        <source>Adam, {0}, ε = {1}</source>
        <translation>Adam，{0}，ε = {1}</translation>
    </message>
    <message>
        <source>Random search in start ± {0} (tutorial 004)</source>
        <translation>在起点 ± {0} 内随机搜索（教程 004）</translation>
    </message>
    <message>
        <source>Direction search, s = {0} (tutorial 004)</source>
        <translation>方向搜索，s = {0}（教程 004）</translation>
    </message>
    <message>
        <source>Tutorial 004&apos;s example, y = {0}:</source>
        <translation>教程 004 的例子，y = {0}：</translation>
    </message>
    <message>
        <source>ŷ{0} = {1}: L1 sum {2} = &lt;b&gt;{3}&lt;/b&gt;; L2 mean ({4})/3 = &lt;b&gt;{5}&lt;/b&gt;</source>
        <translation>ŷ{0} = {1}：L1 求和 {2} = &lt;b&gt;{3}&lt;/b&gt;；L2 求均值 ({4})/3 = &lt;b&gt;{5}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>L1 prefers ŷ₂; L2 punishes its one large miss and prefers ŷ₁.</source>
        <translation>L1 更偏好 ŷ₂；L2 重罚 ŷ₂ 那一个大误差，因而偏好 ŷ₁。</translation>
    </message>
    <message>
        <source>σ′(k₁x + b₁) = σ(1 − σ) averages &lt;b&gt;{0}&lt;/b&gt; over the training points (at most 0.25): where it is near 0, k₁ and b₁ hardly move (the vanishing gradient)</source>
        <translation>σ′(k₁x + b₁) = σ(1 − σ) 在训练点上的平均值为 &lt;b&gt;{0}&lt;/b&gt;（最大 0.25）：它接近 0 时，k₁ 和 b₁ 几乎不动（梯度消失）</translation>
    </message>
    <message>
        <source>huber&lt;sub&gt;δ&lt;/sub&gt;(r) = ½r² where |r| ≤ δ, δ(|r| − ½δ) beyond; δ = {0}</source>
        <translation>当 |r| ≤ δ 时 huber&lt;sub&gt;δ&lt;/sub&gt;(r) = ½r²，超出时为 δ(|r| − ½δ)；δ = {0}</translation>
    </message>
    <message>
        <source>Chain rule</source>
        <translation>链式法则</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>could not write {0}</source>
        <translation>无法写入 {0}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>{0}× ({1})</source>
        <translation>{0}×（{1}）</translation>
    </message>
    <message>
        <source>sharp for print</source>
        <translation>适合打印的清晰度</translation>
    </message>
    <message>
        <source>screen size</source>
        <translation>屏幕尺寸</translation>
    </message>
    <message>
        <source>What</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>Scale (PNG)</source>
        <translation>缩放倍数（PNG）</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Link Axis:</source>
        <translation>关联坐标轴：</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Links this axis with another view. When linked, both views will display the same data range.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;将此坐标轴与另一个视图关联。关联后两个视图显示相同的数据范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Percent of data to be visible when auto-scaling. It may be useful to decrease this value for data with spiky noise.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;自动缩放时可见数据的百分比。数据有尖峰噪声时，减小此值可能有用。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Automatically resize this axis whenever the displayed data is changed.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;显示的数据变化时自动调整此坐标轴的范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Set the range for this axis manually. This disables automatic scaling. &lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;手动设置此坐标轴的范围。这会关闭自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Minimum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;此坐标轴显示的最小值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Maximum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;此坐标轴显示的最大值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Inverts the display of this axis. (+y points downward instead of upward)&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;反转此坐标轴的方向（+y 朝下而不是朝上）。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Invert Axis</source>
        <translation>反转坐标轴</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Enables mouse interaction (panning, scaling) for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;允许用鼠标操作此坐标轴（平移、缩放）。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Mouse Enabled</source>
        <translation>启用鼠标</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will only auto-scale to data that is visible along the orthogonal axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;勾选后，此坐标轴只按另一坐标轴上可见的数据自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Visible Data Only</source>
        <translation>仅可见数据</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will automatically pan to center on the current data, but the scale along this axis will not change.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;勾选后，此坐标轴会自动平移使当前数据居中，但不改变缩放比例。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Auto Pan Only</source>
        <translation>仅自动平移</translation>
    </message>
    <message>
        <source>Display averages of the curves displayed in this plot. The parameter list allows you to choose parameters to average over (if any are available).</source>
        <translation>显示此图中各曲线的平均值。参数列表可选择按哪些参数求平均（如果有的话）。</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Plot only the portion of each curve that is visible. This assumes X values are uniformly spaced.</source>
        <translation>只绘制每条曲线的可见部分。这假定 X 值等间距。</translation>
    </message>
    <message>
        <source>Clip to View</source>
        <translation>裁剪到视图</translation>
    </message>
    <message>
        <source>If multiple curves are displayed in this plot, check this box to limit the number of traces that are displayed.</source>
        <translation>此图显示多条曲线时，勾选此项可限制显示的曲线数量。</translation>
    </message>
    <message>
        <source>Max Traces:</source>
        <translation>最多曲线数：</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <source>Downsample by drawing a saw wave that follows the min and max of the original data. This method produces the best visual representation of the data but is slower.</source>
        <translation>通过绘制跟随原始数据最小值和最大值的锯齿波来降采样。此方法显示效果最好，但较慢。</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <source>If multiple curves are displayed in this plot, check &quot;Max Traces&quot; and set this value to limit the number of traces that are displayed.</source>
        <translation>此图显示多条曲线时，勾选“最多曲线数”并设置此值，可限制显示的曲线数量。</translation>
    </message>
    <message>
        <source>If MaxTraces is checked, remove curves from memory after they are hidden (saves memory, but traces can not be un-hidden).</source>
        <translation>若勾选了“最多曲线数”，曲线隐藏后即从内存中删除（节省内存，但无法再显示）。</translation>
    </message>
    <message>
        <source>Forget hidden traces</source>
        <translation>丢弃隐藏的曲线</translation>
    </message>
    <message>
        <source>Downsample by taking the mean of N samples.</source>
        <translation>取 N 个样本的平均值来降采样。</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Downsample by taking the first of N samples. This method is fastest and least accurate.</source>
        <translation>取 N 个样本中的第一个来降采样。此方法最快，但最不精确。</translation>
    </message>
    <message>
        <source>Subsample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Automatically downsample data based on the visible range. This assumes X values are uniformly spaced.</source>
        <translation>根据可见范围自动降采样。这假定 X 值等间距。</translation>
    </message>
    <message>
        <source>Downsample data before plotting. (plot every Nth sample)</source>
        <translation>绘图前先降采样（每 N 个样本绘制一个）。</translation>
    </message>
    <message>
        <source>Log X</source>
        <translation>对数 X</translation>
    </message>
    <message>
        <source>dy/dx</source>
        <translation>dy/dx</translation>
    </message>
    <message>
        <source>Y vs. Y&apos;</source>
        <translation>Y 对 Y&apos;</translation>
    </message>
    <message>
        <source>Power Spectrum (FFT)</source>
        <translation>功率谱（FFT）</translation>
    </message>
    <message>
        <source>Log Y</source>
        <translation>对数 Y</translation>
    </message>
    <message>
        <source>Subtract Mean</source>
        <translation>减去平均值</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>Show X Grid</source>
        <translation>显示 X 网格</translation>
    </message>
    <message>
        <source>Show Y Grid</source>
        <translation>显示 Y 网格</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
</context>
<context>
    <name>GraphMode</name>
    <message>
        <source>Values and gradients at step {0}.</source>
        <translation>第 {0} 步的值与梯度。</translation>
    </message>
    <message>
        <source>Graph step mode: → or PgDn computes the first node.</source>
        <translation>计算图逐步模式：按 → 或 PgDn 计算第一个节点。</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>{0} {1} of {2} ({3}):</source>
        <translation>{0} {1} / {2}（{3}）：</translation>
    </message>
    <message>
        <source>Sub-step</source>
        <translation>子步骤</translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message>
        <source>The current batch</source>
        <translation>当前批量</translation>
    </message>
    <message>
        <source>The samples of the last step&apos;s batch (all training points in full-batch descent): values are means over the batch, gradients sums</source>
        <translation>上一步所用批量中的样本（批量梯度下降时为全部训练点）：数值为批量上的平均值，梯度为求和</translation>
    </message>
    <message>
        <source>The training sample the graph follows (0 is the first)</source>
        <translation>计算图跟踪的训练样本（0 是第一个）</translation>
    </message>
    <message>
        <source>Graph step mode (G)</source>
        <translation>计算图逐步模式（G）</translation>
    </message>
    <message>
        <source>→ / PgDn and ← / PgUp walk one descent step node by node; Space animates</source>
        <translation>→ / PgDn 和 ← / PgUp 逐个节点走完一步梯度下降；空格键自动播放</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>value {0}</source>
        <translation>值 {0}</translation>
    </message>
    <message>
        <source>grad {0}</source>
        <translation>梯度 {0}</translation>
    </message>
    <message>
        <source>value: not computed yet</source>
        <translation>值：尚未计算</translation>
    </message>
    <message>
        <source>grad: not computed yet</source>
        <translation>梯度：尚未计算</translation>
    </message>
    <message>
        <source>≈0</source>
        <translation>≈0</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>operation</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>vanishing link (≈0)</source>
        <translation>梯度消失的连线（≈0）</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>非数值</translation>
    </message>
    <message>
        <source>overflow (∞)</source>
        <translation>溢出（∞）</translation>
    </message>
    <message>
        <source>overflow (−∞)</source>
        <translation>溢出（−∞）</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>byte {0} is not valid {1}; choose another encoding</source>
        <translation>第 {0} 个字节不是有效的 {1}；请选择其他编码</translation>
    </message>
    <message>
        <source>Import {0}</source>
        <translation>导入 {0}</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8（带 BOM）</translation>
    </message>
    <message>
        <source>UTF-16 (Unicode text)</source>
        <translation>UTF-16（Unicode 文本）</translation>
    </message>
    <message>
        <source>GB18030 / GBK (Chinese Windows)</source>
        <translation>GB18030 / GBK（中文 Windows）</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>comma  ,</source>
        <translation>逗号  ,</translation>
    </message>
    <message>
        <source>semicolon  ;</source>
        <translation>分号  ;</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>spaces</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>point  1.5</source>
        <translation>小数点  1.5</translation>
    </message>
    <message>
        <source>comma  1,5</source>
        <translation>小数逗号  1,5</translation>
    </message>
    <message>
        <source>Decimal mark</source>
        <translation>小数符号</translation>
    </message>
    <message>
        <source>The first row names the columns</source>
        <translation>第一行是列名</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>column {0}</source>
        <translation>第 {0} 列</translation>
    </message>
    <message>
        <source>{0} (text)</source>
        <translation>{0}（文本）</translation>
    </message>
    <message>
        <source>encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>decimal mark</source>
        <translation>小数符号</translation>
    </message>
    <message>
        <source>header</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Every option is your own choice.</source>
        <translation>所有选项都是你自己选定的。</translation>
    </message>
    <message>
        <source>Guessed from the file: {0}. Check them against the rows below.</source>
        <translation>根据文件推测：{0}。请对照下面的数据行检查。</translation>
    </message>
</context>
<context>
    <name>KeysOverlay</name>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Escape, F1 or a click closes this sheet</source>
        <translation>按 Esc、F1 或单击关闭此页</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <source>✕ {0} diverged at step {1}</source>
        <translation>✕ {0} 在第 {1} 步发散</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>截面</translation>
    </message>
</context>
<context>
    <name>LessonPlayer</name>
    <message>
        <source>{0} · scene {1} of {2}</source>
        <translation>{0} · 第 {1} / {2} 幕</translation>
    </message>
    <message>
        <source>scene {0} could not be shown</source>
        <translation>第 {0} 幕无法显示</translation>
    </message>
</context>
<context>
    <name>LossView</name>
    <message>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>更新规则</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>clip</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>clip at</source>
        <translation>裁剪界</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>radius</source>
        <translation>半径</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>f at each step</source>
        <translation>每一步的 f</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练集损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证集损失</translation>
    </message>
    <message>
        <source>f along the run</source>
        <translation>运行过程中的 f</translation>
    </message>
    <message>
        <source>Loss: {0}</source>
        <translation>损失函数：{0}</translation>
    </message>
    <message>
        <source>✕ diverged at step {0}</source>
        <translation>✕ 在第 {0} 步发散</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>gdviz — gradient descent, live</source>
        <translation>gdviz —— 梯度下降，实时演示</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The maths</source>
        <translation>数学推导</translation>
    </message>
    <message>
        <source>Computational graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <source>|◀ Reset</source>
        <translation>|◀ 重置</translation>
    </message>
    <message>
        <source>Back to step 0 (Home)</source>
        <translation>回到第 0 步（Home）</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>Step back (Left, PgUp)</source>
        <translation>后退一步（←、PgUp）</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>One step (Right, PgDn)</source>
        <translation>前进一步（→、PgDn）</translation>
    </message>
    <message>
        <source>Slower ( [ )</source>
        <translation>减速（ [ ）</translation>
    </message>
    <message>
        <source>Faster ( ] )</source>
        <translation>加速（ ] ）</translation>
    </message>
    <message>
        <source>⊕ Pick start</source>
        <translation>⊕ 选择起点</translation>
    </message>
    <message>
        <source>Click or drag on the surface to choose the start (or Shift+click any time)</source>
        <translation>在损失曲面上单击或拖动来选择起点（任何时候也可按住 Shift 单击）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Record video… (R)</source>
        <translation>录制视频(&amp;R)…（R）</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export image…</source>
        <translation>导出图片(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Copy image</source>
        <translation>复制图片(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo restart</source>
        <translation>撤销重新开始(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo restart</source>
        <translation>重做重新开始(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Settings and maths as &amp;tabs</source>
        <translation>设置与数学推导合为标签页(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom 100 %</source>
        <translation>缩放 100 %</translation>
    </message>
    <message>
        <source>&amp;Reset framing</source>
        <translation>重置视野(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>The &amp;tutorials</source>
        <translation>教程(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;About gdviz</source>
        <translation>关于 gdviz(&amp;A)</translation>
    </message>
    <message>
        <source>Open a lesson file…</source>
        <translation>打开课程文件…</translation>
    </message>
    <message>
        <source>Close the lesson</source>
        <translation>关闭本课</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>gdviz lessons (*.json);;All files (*)</source>
        <translation>gdviz 课程 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Zoom {0} %</source>
        <translation>缩放 {0} %</translation>
    </message>
    <message>
        <source>η = {0} is past the stable limit 2/λmax = {1} of this loss: the steps will grow and the run will diverge.</source>
        <translation>η = {0} 已超过该损失函数的稳定上限 2/λmax = {1}：步长会越来越大，训练将会发散。</translation>
    </message>
    <message>
        <source>Standardise x makes the curvature small, or lower η.</source>
        <translation>标准化 x 可以减小曲率，或者减小 η。</translation>
    </message>
    <message>
        <source>The run diverged: lower η, or step back (←) and change it there.</source>
        <translation>训练发散了：减小 η，或者后退一步（←）在那里修改。</translation>
    </message>
    <message>
        <source>Standardise x makes the data&apos;s scale harmless.</source>
        <translation>标准化 x 可以消除数据尺度的影响。</translation>
    </message>
    <message>
        <source>A file is being read already.</source>
        <translation>已有一个文件正在读取。</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open {0}: {1}</source>
        <translation>无法打开 {0}：{1}</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>gdviz sessions (*.gdviz)</source>
        <translation>gdviz 会话 (*.gdviz)</translation>
    </message>
    <message>
        <source>Could not save {0}: {1}</source>
        <translation>无法保存 {0}：{1}</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>gdviz sessions (*.gdviz);;All files (*)</source>
        <translation>gdviz 会话 (*.gdviz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not open {0}: {1}</source>
        <translation>无法打开 {0}：{1}</translation>
    </message>
    <message>
        <source>Cannot record: {0}</source>
        <translation>无法录制：{0}</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● 录制中</translation>
    </message>
    <message>
        <source>Recording to {0}: R stops, Escape cancels</source>
        <translation>正在录制到 {0}：按 R 停止，按 Esc 取消</translation>
    </message>
    <message>
        <source>Recording failed: {0}</source>
        <translation>录制失败：{0}</translation>
    </message>
    <message>
        <source>Saved {0} ({1} frames)</source>
        <translation>已保存 {0}（{1} 帧）</translation>
    </message>
    <message>
        <source>Recording cancelled; no file written.</source>
        <translation>录制已取消，未写入文件。</translation>
    </message>
    <message>
        <source>Data and line</source>
        <translation>数据与直线</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Loss curve of the parameter</source>
        <translation>该参数的损失曲线</translation>
    </message>
    <message>
        <source>Cross-sections</source>
        <translation>截面</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
    <message>
        <source>Image copied</source>
        <translation>图片已复制</translation>
    </message>
    <message>
        <source>The tutorials</source>
        <translation>教程</translation>
    </message>
    <message>
        <source>gdviz grows out of five gradient-descent tutorials:
000 derivative, house prices, the learning rate — data: House prices
001 beans, stochastic and batch descent, fixed steps — data: Beans
002 y = 1 + 2x, loss surface, learning rates, a bad feature — data: y = 1 + 2x
003 1000 points, lines after 10, 20, 30, 100, 1000 epochs — pins
004 losses, random and direction search, a two-layer model — races</source>
        <translation>gdviz 源自五篇梯度下降教程：
000 导数、房价、学习率 —— 数据：房价
001 豆子、随机梯度下降与批量梯度下降、固定步长 —— 数据：豆子
002 y = 1 + 2x、损失曲面、学习率、糟糕的特征 —— 数据：y = 1 + 2x
003 1000 个点，第 10、20、30、100、1000 轮后的直线 —— 固定显示
004 损失函数、随机搜索与方向搜索、两层模型 —— 比赛</translation>
    </message>
    <message>
        <source>About gdviz</source>
        <translation>关于 gdviz</translation>
    </message>
    <message>
        <source>gdviz {0}: gradient descent, animated live for teaching.</source>
        <translation>gdviz {0}：为教学而做的梯度下降实时动画。</translation>
    </message>
    <message>
        <source>Something went wrong: {0}. The run is paused; undo (Ctrl+Z) or reset (Home) if the views look wrong.</source>
        <translation>出错了：{0}。运行已暂停；如果视图看起来不对，请撤销（Ctrl+Z）或重置（Home）。</translation>
    </message>
    <message>
        <source>step &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>第 &lt;b&gt;{0}&lt;/b&gt; 步</translation>
    </message>
    <message>
        <source>epoch &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>第 &lt;b&gt;{0}&lt;/b&gt; 轮</translation>
    </message>
    <message>
        <source>loss &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>损失 &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>val &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>验证 &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>speed: {0} steps/s  ({1} frames/s × {2})</source>
        <translation>速度：{0} 步/秒（{1} 帧/秒 × {2}）</translation>
    </message>
    <message>
        <source>measured {0} steps/s</source>
        <translation>实测 {0} 步/秒</translation>
    </message>
    <message>
        <source>Converged at step {0}. Play (Space) goes on from here.</source>
        <translation>在第 {0} 步收敛。播放（空格）会从这里继续。</translation>
    </message>
    <message>
        <source>play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>one step</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>one step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>back to step 0</source>
        <translation>回到第 0 步</translation>
    </message>
    <message>
        <source>slower / faster</source>
        <translation>减速 / 加速</translation>
    </message>
    <message>
        <source>pin the current line</source>
        <translation>固定显示当前直线</translation>
    </message>
    <message>
        <source>reset every view&apos;s framing</source>
        <translation>重置所有视图的视野</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Shift+单击</translation>
    </message>
    <message>
        <source>pick the start on the surface</source>
        <translation>在损失曲面上选择起点</translation>
    </message>
    <message>
        <source>undo a restart</source>
        <translation>撤销重新开始</translation>
    </message>
    <message>
        <source>redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>zoom text and lines</source>
        <translation>缩放文字和线条</translation>
    </message>
    <message>
        <source>zoom 100 %</source>
        <translation>缩放 100 %</translation>
    </message>
    <message>
        <source>settings / maths panel</source>
        <translation>设置 / 数学推导面板</translation>
    </message>
    <message>
        <source>the computational graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>graph step mode: → ← walk one step node by node</source>
        <translation>计算图单步模式：→ ← 逐个节点走完一步</translation>
    </message>
    <message>
        <source>import a CSV file</source>
        <translation>导入 CSV 文件</translation>
    </message>
    <message>
        <source>save / open a session</source>
        <translation>保存 / 打开会话</translation>
    </message>
    <message>
        <source>start / stop recording a video</source>
        <translation>开始 / 停止录制视频</translation>
    </message>
    <message>
        <source>a tutorial&apos;s lesson: PgDn / → next, PgUp / ← back, Escape closes</source>
        <translation>教程课程：PgDn / → 下一步，PgUp / ← 上一步，Escape 关闭</translation>
    </message>
    <message>
        <source>export an image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>copy an image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>leave a box, this sheet or presentation mode</source>
        <translation>离开输入框、此页或演示模式</translation>
    </message>
    <message>
        <source>this sheet</source>
        <translation>显示此页</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>NumberBox</name>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>must be between {0} and {1}, got {2}</source>
        <translation>必须在 {0} 到 {1} 之间，当前为 {2}</translation>
    </message>
    <message>
        <source>{0} is ambiguous: write it without a thousands separator</source>
        <translation>{0} 有歧义：请不要使用千位分隔符</translation>
    </message>
    <message>
        <source>{0} is too close to 0 to be held</source>
        <translation>{0} 太接近 0，无法表示</translation>
    </message>
    <message>
        <source>a number is needed</source>
        <translation>需要输入一个数</translation>
    </message>
    <message>
        <source>not a number: {0}</source>
        <translation>不是数：{0}</translation>
    </message>
    <message>
        <source>not a whole number: {0}</source>
        <translation>不是整数：{0}</translation>
    </message>
</context>
<context>
    <name>PlotItem</name>
    <message>
        <source>Transforms</source>
        <translation>变换</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>Plot Options</source>
        <translation>绘图选项</translation>
    </message>
</context>
<context>
    <name>RacePanel</name>
    <message>
        <source>gradient</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>fixed step</source>
        <translation>固定步长</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <source>random search</source>
        <translation>随机搜索</translation>
    </message>
    <message>
        <source>direction search</source>
        <translation>方向搜索</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>1 sample</source>
        <translation>1 个样本</translation>
    </message>
    <message>
        <source>batch {0}</source>
        <translation>小批量 {0}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Compare / race</source>
        <translation>比较 / 比赛</translation>
    </message>
    <message>
        <source>Start race</source>
        <translation>开始比赛</translation>
    </message>
    <message>
        <source>Race the runners of the chosen race from step 0</source>
        <translation>让所选比赛的各个选手从第 0 步开始比赛</translation>
    </message>
    <message>
        <source>End race</source>
        <translation>结束比赛</translation>
    </message>
    <message>
        <source>Back to the single run</source>
        <translation>回到单次运行</translation>
    </message>
    <message>
        <source>Add as a runner</source>
        <translation>添加为选手</translation>
    </message>
    <message>
        <source>Add a runner with the settings shown above, at the current step; the others keep their place. The new runner is selected, so the settings then edit it. At most {0} runners; Ctrl+Z takes it back.</source>
        <translation>用上面显示的设置在当前步添加一个选手，其他选手保持原位。新选手会被选中，之后的设置都作用于它。最多 {0} 个选手；Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Click a runner to edit its settings above</source>
        <translation>单击一个选手，在上方编辑它的设置</translation>
    </message>
    <message>
        <source>Remove runner</source>
        <translation>移除选手</translation>
    </message>
    <message>
        <source>Take the selected runner out of the race (Ctrl+Z brings it back)</source>
        <translation>把选中的选手移出比赛（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <source>run {0}</source>
        <translation>运行 {0}</translation>
    </message>
    <message>
        <source>A race has at most {0} runners: remove one or end the race.</source>
        <translation>一场比赛最多 {0} 个选手：请先移除一个或结束比赛。</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Record video</source>
        <translation>录制视频</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>{0}×{1} at {2} frames/s</source>
        <translation>{0}×{1}，{2} 帧/秒</translation>
    </message>
    <message>
        <source>low (small file)</source>
        <translation>低（文件小）</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>What</source>
        <translation>录制内容</translation>
    </message>
    <message>
        <source>File (.mp4, .gif, or a folder for PNGs)</source>
        <translation>文件（.mp4、.gif，或存放 PNG 的文件夹）</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Record to</source>
        <translation>录制到</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4);;GIF animation (*.gif)</source>
        <translation>MP4 视频 (*.mp4);;GIF 动画 (*.gif)</translation>
    </message>
</context>
<context>
    <name>RichText</name>
    <message>
        <source>Copy the maths</source>
        <translation>复制数学推导</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <source>Not enough memory for these data.</source>
        <translation>内存不足，无法处理这些数据。</translation>
    </message>
    <message>
        <source>Could not show these data ({0}); the previous run stays.</source>
        <translation>无法显示这些数据（{0}）；保留之前的运行。</translation>
    </message>
    <message>
        <source>run 1</source>
        <translation>运行 1</translation>
    </message>
    <message>
        <source>Every runner has diverged. Step back (Left) or reset (Home) first.</source>
        <translation>所有选手都已发散。请先后退一步（←）或重置（Home）。</translation>
    </message>
    <message>
        <source>{0}. Step back (Left) or reset (Home) first.</source>
        <translation>{0}。请先后退一步（←）或重置（Home）。</translation>
    </message>
    <message>
        <source>The step failed: {0}</source>
        <translation>这一步失败了：{0}</translation>
    </message>
    <message>
        <source>Paused at step {0}, the tutorial&apos;s length; press Play to go on.</source>
        <translation>已在第 {0} 步暂停，这是教程设定的步数；按“播放”继续。</translation>
    </message>
</context>
<context>
    <name>SectionPlot</name>
    <message>
        <source>{0}({1}), {2} fixed</source>
        <translation>{0}({1})，固定 {2}</translation>
    </message>
    <message>
        <source>{0}({1}), the others fixed</source>
        <translation>{0}({1})，其余参数固定</translation>
    </message>
</context>
<context>
    <name>SectionsView</name>
    <message>
        <source>Sections (need two parameters)</source>
        <translation>截面（需要两个参数）</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>House prices — tutorial 000</source>
        <translation>房价 —— 教程 000</translation>
    </message>
    <message>
        <source>Beans — tutorial 001</source>
        <translation>豆子 —— 教程 001</translation>
    </message>
    <message>
        <source>y = 1 + 2x — tutorial 002</source>
        <translation>y = 1 + 2x —— 教程 002</translation>
    </message>
    <message>
        <source>1000 points — tutorial 003</source>
        <translation>1000 个点 —— 教程 003</translation>
    </message>
    <message>
        <source>Rooms → price — tutorial 004</source>
        <translation>房间数 → 房价 —— 教程 004</translation>
    </message>
    <message>
        <source>Curved: a quadratic</source>
        <translation>曲线：二次函数</translation>
    </message>
    <message>
        <source>Curved: a sine</source>
        <translation>曲线：正弦函数</translation>
    </message>
    <message>
        <source>A line with outliers (L1, Huber)</source>
        <translation>带离群点的直线（L1、Huber）</translation>
    </message>
    <message>
        <source>ŷ = w·x + b  (line)</source>
        <translation>ŷ = w·x + b  （直线）</translation>
    </message>
    <message>
        <source>ŷ = w·x  (through origin)</source>
        <translation>ŷ = w·x  （过原点）</translation>
    </message>
    <message>
        <source>ŷ = b  (constant)</source>
        <translation>ŷ = b  （常数）</translation>
    </message>
    <message>
        <source>polynomial  ŷ = b + Σ wₖ·xᵏ</source>
        <translation>多项式  ŷ = b + Σ wₖ·xᵏ</translation>
    </message>
    <message>
        <source>two-layer  ŷ = k₂·σ(k₁x + b₁) + b₂</source>
        <translation>两层模型  ŷ = k₂·σ(k₁x + b₁) + b₂</translation>
    </message>
    <message>
        <source>squared error (L2)</source>
        <translation>平方误差（L2）</translation>
    </message>
    <message>
        <source>absolute error (L1)</source>
        <translation>绝对误差（L1）</translation>
    </message>
    <message>
        <source>Huber (L2 near 0, L1 beyond δ)</source>
        <translation>Huber（0 附近为 L2，超过 δ 为 L1）</translation>
    </message>
    <message>
        <source>sigmoid σ</source>
        <translation>sigmoid σ</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>shuffled each epoch</source>
        <translation>每轮打乱顺序</translation>
    </message>
    <message>
        <source>in order</source>
        <translation>按顺序</translation>
    </message>
    <message>
        <source>mean squared error  (1/n)·Σ(ŷ − y)²</source>
        <translation>均方误差  (1/n)·Σ(ŷ − y)²</translation>
    </message>
    <message>
        <source>sum of squared errors  Σ(ŷ − y)²</source>
        <translation>误差平方和  Σ(ŷ − y)²</translation>
    </message>
    <message>
        <source>½ sum of squared errors  ½·Σ(ŷ − y)²</source>
        <translation>½ 误差平方和  ½·Σ(ŷ − y)²</translation>
    </message>
    <message>
        <source>mean absolute error  (1/n)·Σ|ŷ − y|</source>
        <translation>平均绝对误差  (1/n)·Σ|ŷ − y|</translation>
    </message>
    <message>
        <source>sum of absolute errors  Σ|ŷ − y|</source>
        <translation>绝对误差和  Σ|ŷ − y|</translation>
    </message>
    <message>
        <source>mean Huber loss  (1/n)·Σ huber_δ(ŷ − y)</source>
        <translation>平均 Huber 损失  (1/n)·Σ huber_δ(ŷ − y)</translation>
    </message>
    <message>
        <source>sum of Huber losses  Σ huber_δ(ŷ − y)</source>
        <translation>Huber 损失之和  Σ huber_δ(ŷ − y)</translation>
    </message>
    <message>
        <source>gradient  θ ← θ − η·g</source>
        <translation>梯度下降  θ ← θ − η·g</translation>
    </message>
    <message>
        <source>fixed step  θ ← θ − s·sign(g)</source>
        <translation>固定步长  θ ← θ − s·sign(g)</translation>
    </message>
    <message>
        <source>momentum  v ← βv + g; θ ← θ − ηv</source>
        <translation>动量法  v ← βv + g; θ ← θ − ηv</translation>
    </message>
    <message>
        <source>Nesterov  v ← βv + g; θ ← θ − η(g + βv)</source>
        <translation>Nesterov 动量  v ← βv + g; θ ← θ − η(g + βv)</translation>
    </message>
    <message>
        <source>AdaGrad  G ← G + g²; θ ← θ − ηg/(√G + ε)</source>
        <translation>AdaGrad  G ← G + g²; θ ← θ − ηg/(√G + ε)</translation>
    </message>
    <message>
        <source>RMSProp  s ← ρs + (1 − ρ)g²; θ ← θ − ηg/(√s + ε)</source>
        <translation>RMSProp  s ← ρs + (1 − ρ)g²; θ ← θ − ηg/(√s + ε)</translation>
    </message>
    <message>
        <source>Adam  momentum + RMSProp, bias-corrected</source>
        <translation>Adam  动量法 + RMSProp，带偏差修正</translation>
    </message>
    <message>
        <source>random search (tutorial 004)</source>
        <translation>随机搜索（教程 004）</translation>
    </message>
    <message>
        <source>direction search (tutorial 004)</source>
        <translation>方向搜索（教程 004）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不裁剪</translation>
    </message>
    <message>
        <source>by value</source>
        <translation>按值</translation>
    </message>
    <message>
        <source>by norm</source>
        <translation>按范数</translation>
    </message>
    <message>
        <source>constant  η</source>
        <translation>恒定  η</translation>
    </message>
    <message>
        <source>step decay  η·γ^⌊t/T⌋</source>
        <translation>阶梯衰减  η·γ^⌊t/T⌋</translation>
    </message>
    <message>
        <source>exponential  η·γ^(t/T)</source>
        <translation>指数衰减  η·γ^(t/T)</translation>
    </message>
    <message>
        <source>1/t  η/(1 + γ·t/T)</source>
        <translation>1/t 衰减  η/(1 + γ·t/T)</translation>
    </message>
    <message>
        <source>Momentum β</source>
        <translation>动量 β</translation>
    </message>
    <message>
        <source>How much of the velocity each step keeps, 0 ≤ β &lt; 1</source>
        <translation>每一步保留多少速度，0 ≤ β &lt; 1</translation>
    </message>
    <message>
        <source>β₁  (mean g)</source>
        <translation>β₁  （g 的均值）</translation>
    </message>
    <message>
        <source>Adam&apos;s decay of the mean gradient m, 0 ≤ β₁ &lt; 1</source>
        <translation>Adam 中梯度均值 m 的衰减率，0 ≤ β₁ &lt; 1</translation>
    </message>
    <message>
        <source>β₂  (mean g²)</source>
        <translation>β₂  （g² 的均值）</translation>
    </message>
    <message>
        <source>Adam&apos;s decay of the mean squared gradient v, 0 ≤ β₂ &lt; 1</source>
        <translation>Adam 中梯度平方均值 v 的衰减率，0 ≤ β₂ &lt; 1</translation>
    </message>
    <message>
        <source>ρ  (mean g²)</source>
        <translation>ρ  （g² 的均值）</translation>
    </message>
    <message>
        <source>RMSProp&apos;s decay of the mean squared gradient s, 0 ≤ ρ &lt; 1</source>
        <translation>RMSProp 中梯度平方均值 s 的衰减率，0 ≤ ρ &lt; 1</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>Keeps the step finite where the squared gradients are 0 (&gt; 0)</source>
        <translation>梯度平方为 0 时保持步长有限（&gt; 0）</translation>
    </message>
    <message>
        <source>Step size s</source>
        <translation>步长 s</translation>
    </message>
    <message>
        <source>The move of fixed-step descent and of direction search (&gt; 0)</source>
        <translation>固定步长下降和方向搜索每一步移动的距离（&gt; 0）</translation>
    </message>
    <message>
        <source>Search radius r</source>
        <translation>搜索半径 r</translation>
    </message>
    <message>
        <source>Random search tries points of the box start ± r (&gt; 0)</source>
        <translation>随机搜索在起点 ± r 的方框内试点（&gt; 0）</translation>
    </message>
    <message>
        <source>Tutorial: {0}</source>
        <translation>教程：{0}</translation>
    </message>
    <message>
        <source>Function: {0}</source>
        <translation>函数：{0}</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>x column</source>
        <translation>x 列</translation>
    </message>
    <message>
        <source>x column: name or index (blank: first column)</source>
        <translation>x 列：列名或序号（留空：第一列）</translation>
    </message>
    <message>
        <source>y column</source>
        <translation>y 列</translation>
    </message>
    <message>
        <source>y column: name or index (blank: second column)</source>
        <translation>y 列：列名或序号（留空：第二列）</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>columns  x</source>
        <translation>列  x</translation>
    </message>
    <message>
        <source>own split</source>
        <translation>数据自带划分</translation>
    </message>
    <message>
        <source>Fraction of the points held out for validation (seeded)</source>
        <translation>留作验证集的数据点比例（由随机种子决定）</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Seed of the sampling order, of the validation split and of random search</source>
        <translation>采样顺序、验证集划分和随机搜索所用的随机种子</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Bad feature (x × 10)</source>
        <translation>糟糕的特征（x × 10）</translation>
    </message>
    <message>
        <source>Tutorial 002 §4.2: a badly scaled x stretches the loss surface into a valley</source>
        <translation>教程 002 §4.2：尺度不当的 x 把损失曲面拉成狭长山谷</translation>
    </message>
    <message>
        <source>Standardise x</source>
        <translation>标准化 x</translation>
    </message>
    <message>
        <source>Tutorial 002 §4.3: fit on (x − mean)/std; the line is drawn in original units</source>
        <translation>教程 002 §4.3：在 (x − 均值)/标准差 上拟合；直线仍按原始单位绘制</translation>
    </message>
    <message>
        <source>Model and loss</source>
        <translation>模型与损失函数</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Degree K of ŷ = b + w1·x + … + wK·x^K (x standardised)</source>
        <translation>ŷ = b + w1·x + … + wK·x^K 的次数 K（x 已标准化）</translation>
    </message>
    <message>
        <source>Degree</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Hidden units h: ŷ = Σⱼ k2ⱼ·a(k1ⱼ·x + b1ⱼ) + b2 (1: tutorial 004&apos;s model)</source>
        <translation>隐藏单元数 h：ŷ = Σⱼ k2ⱼ·a(k1ⱼ·x + b1ⱼ) + b2（1：教程 004 的模型）</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐藏单元数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Huber&apos;s δ: residuals beyond it cost δ·|r| instead of ½r² (&gt; 0)</source>
        <translation>Huber 的 δ：超过它的残差代价为 δ·|r| 而不是 ½r²（&gt; 0）</translation>
    </message>
    <message>
        <source>Huber δ</source>
        <translation>Huber δ</translation>
    </message>
    <message>
        <source>Reduction</source>
        <translation>汇总方式</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Where the descent starts (a restart)</source>
        <translation>梯度下降的起点（修改会重新开始）</translation>
    </message>
    <message>
        <source>Descent (live)</source>
        <translation>梯度下降（实时）</translation>
    </message>
    <message>
        <source>Learning rate η (must be &gt; 0); arrows multiply by 10^0.1</source>
        <translation>学习率 η（必须 &gt; 0）；方向键每次乘以 10^0.1</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>批量（全部样本）</translation>
    </message>
    <message>
        <source>stochastic (1 sample)</source>
        <translation>随机（1 个样本）</translation>
    </message>
    <message>
        <source>mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量方式</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>The order in which stochastic and mini-batch steps visit the samples of an epoch: a new shuffle each epoch, or in order as tutorial 001&apos;s loop does</source>
        <translation>随机和小批量梯度下降在一轮中访问样本的顺序：每轮重新打乱，或像教程 001 的循环那样按顺序</translation>
    </message>
    <message>
        <source>Sample order</source>
        <translation>样本顺序</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新规则</translation>
    </message>
    <message>
        <source>Clip gradient</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Converged when the loss is within tol of its least value, relative to the start (where the least value is unknown: |∇L|² ≤ tol·|∇L₀|²). Changes no step: the run goes on (arrows multiply by 10^0.1)</source>
        <translation>当损失与其最小值之差（相对于起点）不超过 tol 时视为收敛（最小值未知时：|∇L|² ≤ tol·|∇L₀|²）。不改变任何一步：运行继续（方向键每次乘以 10^0.1）</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>收敛容差</translation>
    </message>
    <message>
        <source>Clip the gradient before the update rule sees it: each component into [−c, c] (by value), or scaled so that ‖g‖ ≤ c (by norm)</source>
        <translation>在更新规则使用梯度之前先裁剪：每个分量限制在 [−c, c] 内（按值），或整体缩放使 ‖g‖ ≤ c（按范数）</translation>
    </message>
    <message>
        <source>The bound c of a clipped gradient (&gt; 0)</source>
        <translation>梯度裁剪的界 c（&gt; 0）</translation>
    </message>
    <message>
        <source>Clip bound c</source>
        <translation>裁剪界 c</translation>
    </message>
    <message>
        <source>How the learning rate changes with the step t</source>
        <translation>学习率如何随步数 t 变化</translation>
    </message>
    <message>
        <source>γ: the decay rate of the schedule (&gt; 0)</source>
        <translation>γ：调度的衰减率（&gt; 0）</translation>
    </message>
    <message>
        <source>Decay rate γ</source>
        <translation>衰减率 γ</translation>
    </message>
    <message>
        <source>T: the schedule&apos;s step count, a whole number ≥ 1</source>
        <translation>T：调度的步数，≥ 1 的整数</translation>
    </message>
    <message>
        <source>Decay steps T</source>
        <translation>衰减步数 T</translation>
    </message>
    <message>
        <source>Speed  ( [  ] )</source>
        <translation>速度  （ [  ] ）</translation>
    </message>
    <message>
        <source>Frames / second</source>
        <translation>帧 / 秒</translation>
    </message>
    <message>
        <source>Steps / frame</source>
        <translation>步 / 帧</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Residuals</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>Each point&apos;s error r = ŷ − y: a square of side |r| for squared error (L2), a segment for L1 and Huber</source>
        <translation>每个点的误差 r = ŷ − y：平方误差（L2）画成边长为 |r| 的正方形，L1 和 Huber 画成线段</translation>
    </message>
    <message>
        <source>Log-scale loss</source>
        <translation>对数刻度的损失</translation>
    </message>
    <message>
        <source>Log-scale steps</source>
        <translation>对数刻度的步数</translation>
    </message>
    <message>
        <source>Steps 1, 10, 100, 1,000 … equally spaced: the start of a long run is as wide as its end (step 0 is drawn with step 1)</source>
        <translation>步数 1、10、100、1,000 … 等距排开：长时间运行的开头和结尾一样宽（第 0 步画在第 1 步处）</translation>
    </message>
    <message>
        <source>η on the loss plot</source>
        <translation>在损失图上显示 η</translation>
    </message>
    <message>
        <source>Draw η of every step (after the schedule) on a second axis of the loss plot</source>
        <translation>在损失图的第二个坐标轴上画出每一步的 η（调度之后）</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Cross-sections</source>
        <translation>截面</translation>
    </message>
    <message>
        <source>Lock range</source>
        <translation>锁定范围</translation>
    </message>
    <message>
        <source>Equal scales</source>
        <translation>等比例坐标</translation>
    </message>
    <message>
        <source>One unit is as long across as up: a badly scaled feature shows as a narrow valley</source>
        <translation>横向和纵向的一个单位一样长：尺度不当的特征会显示为狭长山谷</translation>
    </message>
    <message>
        <source>Contour lines</source>
        <translation>等高线</translation>
    </message>
    <message>
        <source>Log-spaced levels</source>
        <translation>对数间隔的等高线</translation>
    </message>
    <message>
        <source>Trail of earlier lines</source>
        <translation>保留之前直线的轨迹</translation>
    </message>
    <message>
        <source>Pin at steps</source>
        <translation>在这些步固定显示</translation>
    </message>
    <message>
        <source>e.g. 10, 20, 30, 100, 1000</source>
        <translation>例如 10, 20, 30, 100, 1000</translation>
    </message>
    <message>
        <source>Pin now (P)</source>
        <translation>立即固定（P）</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a step: write whole numbers from 0 to {1}, separated by commas</source>
        <translation>“{0}”不是步数：请输入 0 到 {1} 之间的整数，用逗号分隔</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV: {0}</source>
        <translation>CSV：{0}</translation>
    </message>
    <message>
        <source>Start {0}</source>
        <translation>起点 {0}</translation>
    </message>
    <message>
        <source>Descent (live) — editing {0}</source>
        <translation>梯度下降（实时）—— 正在编辑 {0}</translation>
    </message>
</context>
<context>
    <name>StabilityOffer</name>
    <message>
        <source>Hide this hint</source>
        <translation>隐藏此提示</translation>
    </message>
    <message>
        <source>Use η = {0}</source>
        <translation>使用 η = {0}</translation>
    </message>
    <message>
        <source>Standardise x</source>
        <translation>标准化 x</translation>
    </message>
</context>
<context>
    <name>SurfaceView</name>
    <message>
        <source>Loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>The parameter across the slice</source>
        <translation>截面横向的参数</translation>
    </message>
    <message>
        <source>The parameter up the slice</source>
        <translation>截面纵向的参数</translation>
    </message>
    <message>
        <source>slice</source>
        <translation>截面</translation>
    </message>
    <message>
        <source>Loss surface (needs two parameters)</source>
        <translation>损失曲面（需要两个参数）</translation>
    </message>
    <message>
        <source>slice through the current point: {held} held</source>
        <translation>过当前点的截面：固定 {held}</translation>
    </message>
    <message>
        <source>Loss surface — {0}</source>
        <translation>损失曲面 —— {0}</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>high-contrast</source>
        <translation>高对比度</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <source>ViewBox options</source>
        <translation>视图选项</translation>
    </message>
    <message>
        <source>View All</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>轴</translation>
    </message>
    <message>
        <source>Mouse Mode</source>
        <translation>鼠标模式</translation>
    </message>
    <message>
        <source>3 button</source>
        <translation>三键</translation>
    </message>
    <message>
        <source>1 button</source>
        <translation>单键</translation>
    </message>
</context>
<context>
    <name>_Plot</name>
    <message>
        <source>diverged at step {0}</source>
        <translation>在第 {0} 步发散</translation>
    </message>
</context>
<context>
    <name>_Worker</name>
    <message>
        <source>{0}: not enough memory to read this file</source>
        <translation>{0}：内存不足，无法读取此文件</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可能是 %(matches)s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开 &apos;%(filename)s&apos;：%(error)s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>至多需要一个值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个值</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s
</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知的命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需的参数：%s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须给出 %s 中的一个</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与 %s 同时使用</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了多余的值 %r</translation>
    </message>
</context>
<context>
    <name>graph</name>
    <message>
        <source>{node} = {value} (sample {index})</source>
        <translation>{node} = {value}（样本 {index}）</translation>
    </message>
    <message>
        <source>{node}: {n} samples, mean {value}</source>
        <translation>{node}：{n} 个样本，均值 {value}</translation>
    </message>
    <message>
        <source>{node} = {value} (parameter)</source>
        <translation>{node} = {value}（参数）</translation>
    </message>
    <message>
        <source>{node} = {numbers} = {value}</source>
        <translation>{node} = {numbers} = {value}</translation>
    </message>
    <message>
        <source>{node}; mean over the {n} samples: {value}</source>
        <translation>{node}；{n} 个样本上的均值：{value}</translation>
    </message>
    <message>
        <source>{node} = {value}</source>
        <translation>{node} = {value}</translation>
    </message>
    <message>
        <source>∂L/∂L = 1 (the start of the backward pass)</source>
        <translation>∂L/∂L = 1（反向传播的起点）</translation>
    </message>
    <message>
        <source>∂L/∂{node} = {terms} = {numbers} = {value}</source>
        <translation>∂L/∂{node} = {terms} = {numbers} = {value}</translation>
    </message>
    <message>
        <source>∂L/∂{node} = Σᵢ [{terms}] = {value}</source>
        <translation>∂L/∂{node} = Σᵢ [{terms}] = {value}</translation>
    </message>
    <message>
        <source>∂L/∂{node}ᵢ = {terms}; summed over the {n} samples: {value}</source>
        <translation>∂L/∂{node}ᵢ = {terms}；对 {n} 个样本求和：{value}</translation>
    </message>
    <message>
        <source>{name} ← {name} − η·∂L/∂{name} = {old} − {rate}·{grad} = {new}</source>
        <translation>{name} ← {name} − η·∂L/∂{name} = {old} − {rate}·{grad} = {new}</translation>
    </message>
    <message>
        <source>{name}: {old} → {new} (by the run&apos;s update rule)</source>
        <translation>{name}：{old} → {new}（按本次运行的更新规则）</translation>
    </message>
    <message>
        <source>{name} = {old}; ∂L/∂{name} = {grad} (no update rule given)</source>
        <translation>{name} = {old}；∂L/∂{name} = {grad}（未给定更新规则）</translation>
    </message>
    <message>
        <source>one sample (#{index})</source>
        <translation>一个样本（#{index}）</translation>
    </message>
    <message>
        <source>{n} samples: values are means, gradients are sums over the samples</source>
        <translation>{n} 个样本：值为均值，梯度为对样本求和</translation>
    </message>
</context>
</TS>
