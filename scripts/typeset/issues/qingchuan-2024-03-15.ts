/**
 * 青川晚报, an invented paper: three 版 on A3 pages, set with non-embedded CID fonts (Adobe-GB1,
 * UniGB-UCS2-H) by the line placer. Own-line bylines, a kicker/title/subtitle group, photos inside articles,
 * photo items, an article continued from 01版 to 02版, a 公益广告 box and a bare slogan ad. The text is
 * written for these tests; places and people are invented.
 */
import type { IssueSpec } from '../model'

export const qingchuan: IssueSpec = {
  dir: 'test/fixtures/pdf/qingchuan-2024-03-15',
  producer: 'cid',
  files: 'per-page',
  comment: '青川晚报 (invented) of 2024-03-15, three 版, non-embedded CID body face, set line by line.',
  paper: { name: '青川晚报', publisher: '中共青川区委宣传部', hotline: '0571-88662020', site: 'http://www.qcwbs.cn/' },
  date: '2024-03-15',
  number: 5127,
  yearNumber: 52,
  pageSize: { w: 297, h: 420 },
  bodySize: 10,
  subtitleDash: true,
  items: [
    {
      kind: 'article',
      kicker: '春耕备耕正当时',
      title: '青川区百万亩良田铺开“绿色底色”',
      subtitle: '今年计划推广测土配方施肥四十二万亩',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '周敏' }, { role: '通讯员', name: '陈立新' }],
      bylineStyle: 'own-line',
      paragraphs: [
        '连日来，青川区各镇街抢抓农时，田间地头处处是春耕备耕的忙碌景象。记者从区农业农村局获悉，今年全区粮食播种面积稳定在一百零六万亩以上，其中绿色高产高效示范片达到十八万亩，较去年增加三万亩。',
        '在白沙镇万亩粮食生产功能区，十余台拖拉机来回穿梭，旋耕、施肥、播种一气呵成。种粮大户吴建国告诉记者，今年他流转了八百多亩土地，全部采用测土配方施肥，“每亩能省下三十多元肥料钱，产量还稳得住”。',
        '为保障春耕生产，区里提前调运化肥两万一千吨、良种九百余吨，组织农技人员一百二十人分片包干、进村入户，开展技术指导和农资打假专项行动。区农业农村局相关负责人表示，今年将重点推广测土配方施肥四十二万亩、病虫害绿色防控三十五万亩，推动化肥农药使用量继续保持负增长。',
        '与此同时，全区农机合作社已检修各类农机具三千六百余台套，组建应急作业服务队二十八支，确保关键农时不误。区气象局也加密了春播期天气预报频次，通过手机短信和村级大喇叭及时向农户发布农事建议。',
        '下一步，青川区将以高标准农田建设为抓手，统筹推进土地整治、水利配套和数字农业应用，力争到年底新建和改造提升高标准农田六万亩，为全年粮食丰收打下坚实基础。'
      ],
      figures: [{ photo: { scene: 'field', seed: 3151, aspect: 2.2 }, caption: '3月13日，白沙镇农民在田间开展机械化播种作业。', credit: { role: '通讯员', name: '陈立新' } }],
      continued: { paragraph: 2, offset: 61 }
    },
    {
      kind: 'article',
      title: '区政府召开第十二次常务会议',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '孙浩然' }],
      paragraphs: [
        '3月14日，区政府召开第十二次常务会议，传达学习上级有关会议精神，研究部署一季度经济运行、安全生产和优化营商环境等工作。',
        '会议指出，当前全区经济运行总体平稳、稳中向好，但部分行业仍面临订单不足、成本上升等困难。各部门要紧盯全年目标任务，加大服务企业力度，帮助企业解决用工、融资、物流等实际问题。',
        '会议还审议通过了《青川区城市更新三年行动方案》等文件。'
      ],
      figures: []
    },
    {
      kind: 'photo',
      title: '油菜花开映山乡',
      byline: [],
      paragraphs: [],
      figures: [{ photo: { scene: 'river', seed: 3152, aspect: 4 / 3 }, caption: '近日，青川区石门乡万亩油菜花竞相开放，金黄的花海与白墙黛瓦的民居相映成趣，吸引不少市民前来踏青赏花。', credit: { role: '记者', name: '李娜' } }]
    },
    {
      kind: 'article',
      title: '一季度重点项目集中开工',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '何雨' }, { role: '通讯员', name: '刘成' }],
      paragraphs: [
        '3月12日，青川区一季度重点项目集中开工活动在高新园区举行。此次集中开工项目共二十三个，总投资一百五十六亿元，涵盖先进制造、现代物流、城市基础设施和社会民生等领域。',
        '其中，投资三十八亿元的新能源电池材料项目建成后，预计年产值可达六十亿元，新增就业岗位一千二百个。',
        '区发改局负责人介绍，今年全区计划实施重点项目一百二十个，年度计划投资二百八十亿元。'
      ],
      figures: []
    },
    {
      kind: 'article',
      kicker: '办好民生实事',
      title: '城区新增十二处口袋公园',
      subtitle: '步行十五分钟可达一处绿地',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '王一凡' }],
      bylineStyle: 'own-line',
      paragraphs: [
        '傍晚时分，家住城东街道的刘阿姨和邻居们在新建成的杏林口袋公园里跳起了广场舞。“以前这里是一块堆放杂物的空地，现在铺了步道、种了花草，还装了健身器材，大家都爱来。”刘阿姨说。',
        '去年以来，青川区把建设口袋公园列入民生实事项目，利用边角地、闲置地和拆违腾退空间“见缝插绿”，累计新建改建口袋公园十二处，新增绿地面积四点六万平方米。',
        '区住建局相关负责人介绍，口袋公园建设坚持“一园一特色”，在设计阶段就广泛征求周边居民意见，因地制宜配置座椅、儿童游乐和无障碍设施。',
        '今年，全区还将新建口袋公园八处，力争实现城区居民步行十五分钟可达一处绿地。'
      ],
      figures: []
    },
    {
      kind: 'article',
      title: '老旧小区加装电梯提速',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '赵晴' }],
      paragraphs: [
        '3月11日，随着最后一部电梯通过验收，建设路社区光明小区六个单元的加装电梯全部投入使用。住在五楼的八旬老人张大爷第一次坐着电梯下了楼。',
        '为破解加装电梯“协商难、审批难、资金难”问题，青川区推行“一站式”审批服务，审批时限压缩至十个工作日，并对每部电梯给予最高二十万元补助。',
        '截至目前，全区已累计完成老旧小区加装电梯一百四十六部，惠及居民四千余户。'
      ],
      figures: [{ photo: { scene: 'city', seed: 3153, aspect: 3 / 2 }, caption: '光明小区居民乘坐新装的电梯。', credit: { role: '记者', name: '赵晴' } }]
    },
    {
      kind: 'article',
      title: '“社区食堂”让老人吃得放心',
      dateline: '本报讯',
      byline: [{ role: '通讯员', name: '黄思远' }],
      paragraphs: [
        '中午十一点，柳岸社区长者食堂里已经坐满了前来就餐的老人。两荤两素一汤，老年人凭卡就餐每餐只需十元。',
        '社区党委书记介绍，食堂由社区提供场地、专业餐饮企业运营，菜单每周更新一次，还为行动不便的老人提供送餐上门服务。',
        '目前，青川区已建成社区长者食堂三十一家，日均服务老年人三千余人次。'
      ],
      figures: []
    },
    {
      kind: 'article',
      kicker: '传承',
      title: '青川非遗展演走进校园',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '李娜' }, { role: '实习生', name: '张可' }],
      paragraphs: [
        '3月13日，“非遗进校园”展演活动在青川区实验小学举行。皮影戏、竹编、剪纸等十余个非遗项目的传承人走进课堂，手把手教孩子们体验传统技艺。',
        '在竹编展台前，省级非遗传承人郑师傅一边演示一边讲解，细长的竹篾在他手中上下翻飞，不一会儿一只小巧的竹篮便编好了。孩子们看得目不转睛，纷纷上前尝试。',
        '据了解，今年青川区将在全区中小学开设非遗兴趣课堂四十个，让更多青少年了解和热爱家乡的传统文化。'
      ],
      figures: [{ photo: { scene: 'school', seed: 3154, aspect: 3 }, caption: '学生们在传承人指导下体验竹编技艺。', credit: { role: '记者', name: '李娜' } }]
    },
    {
      kind: 'article',
      title: '全民阅读季启动 百场活动陆续开展',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '周敏' }],
      paragraphs: [
        '3月14日，2024年青川区全民阅读季在区图书馆启动。本届阅读季以“书香青川 悦读悦美”为主题，将持续至6月底。',
        '阅读季期间，全区将举办读书分享会、亲子共读、名家讲座、好书换购等活动一百余场，并在社区、商圈和景区新设城市书房五家。',
        '区图书馆负责人表示，将通过线上线下相结合的方式，让市民在家门口就能享受便捷的阅读服务。'
      ],
      figures: []
    },
    {
      kind: 'photo',
      title: '古镇春色',
      byline: [],
      paragraphs: [],
      figures: [{ photo: { scene: 'river', seed: 3155, aspect: 3 / 2 }, caption: '春日的双溪古镇，小桥流水，游人如织。', credit: { role: '通讯员', name: '马骏' } }]
    }
  ],
  pages: [
    {
      number: 1,
      name: '要闻',
      editors: ['责任编辑：钱文', '校对：孟晓'],
      body: {
        stack: [
          { row: [{ span: 4, item: 0, part: 0, textCols: 4, titleSize: 24 }, { span: 2, stack: [{ item: 1, textCols: 2, titleSize: 16 }, { item: 2, textCols: 1 }] }] },
          { row: [{ span: 4, item: 3, textCols: 4, titleSize: 18 }, { span: 2, ad: { label: '公益广告', slogan: ['保护母亲河', '守护青山绿水'], small: '青川区生态环境局' } }] }
        ]
      }
    },
    {
      number: 2,
      name: '民生',
      editors: ['责任编辑：吴昊', '校对：孟晓'],
      body: {
        stack: [
          { row: [{ span: 3, item: 0, part: 1, textCols: 3, titleSize: 18 }, { span: 3, item: 4, textCols: 3, titleSize: 20 }] },
          { row: [{ span: 3, item: 5, textCols: 3, titleSize: 18 }, { span: 3, item: 6, textCols: 3, titleSize: 18 }] }
        ]
      }
    },
    {
      number: 3,
      name: '文化',
      editors: ['责任编辑：钱文', '校对：林一'],
      body: {
        stack: [
          { item: 7, textCols: 6, titleSize: 22 },
          { row: [{ span: 4, item: 8, textCols: 4, titleSize: 18 }, { span: 2, item: 9, textCols: 1 }] },
          { ad: { slogan: ['书香青川　全民阅读'] } }
        ]
      }
    }
  ]
}
