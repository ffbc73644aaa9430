/**
 * 云溪日报, an invented paper: four 版 in one PDF, laid out by CSS and printed by Chromium with embedded
 * TrueType subsets. A kicker/title/subtitle group, bracket and own-line bylines, an agency dateline, an
 * article without dateline, photos inside articles, photo items, an article continued from 01版 to 03版,
 * 公益广告 boxes and a bare slogan. The text is written for these tests; places and people are invented.
 */
import type { IssueSpec } from '../model'

export const yunxi: IssueSpec = {
  dir: 'test/fixtures/pdf/yunxi-2025-11-06',
  producer: 'chromium',
  files: 'yunxi-2025-11-06.pdf',
  comment: '云溪日报 (invented) of 2025-11-06, four 版 in one file, typeset by Chromium with embedded font subsets.',
  paper: { name: '云溪日报', publisher: '中共云溪市委', hotline: '0536-2233110', slogan: '求实・创新・服务', site: 'http://www.yxrb.cn/' },
  date: '2025-11-06',
  number: 9318,
  yearNumber: 214,
  pageSize: { w: 260, h: 400 },
  bodySize: 10.5,
  items: [
    {
      kind: 'article',
      kicker: '聚力攻坚四季度',
      title: '云溪经开区三个产业项目签约落地',
      subtitle: '总投资八十六亿元 涉及新材料和智能装备',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '沈佳' }, { role: '通讯员', name: '韩立' }],
      paragraphs: [
        '11月5日，云溪经济开发区举行重点产业项目集中签约仪式，高性能纤维复合材料、工业机器人减速器和智能仓储装备三个项目正式落户，总投资八十六亿元。',
        '据介绍，高性能纤维复合材料项目由国内一家行业龙头企业投资建设，主要生产风电叶片和轨道交通用复合材料，达产后年产值可达四十五亿元。工业机器人减速器项目将填补我市在精密传动部件领域的空白。',
        '今年以来，云溪经开区坚持“链长制”招商，围绕新材料、智能装备两条主导产业链绘制招商图谱，开展小分队精准招商四十余次，累计签约亿元以上项目二十七个。园区还设立了项目服务专班，对签约项目实行“拿地即开工”全程代办，从签约到开工平均用时缩短至四十五天。',
        '经开区管委会负责人表示，将持续优化营商环境，推动签约项目早开工、早投产、早见效，为全市经济高质量发展注入新动能。'
      ],
      figures: [],
      continued: { paragraph: 2, offset: 48 }
    },
    {
      kind: 'article',
      title: '我市启动冬季供暖试运行',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '许光明' }],
      bylineStyle: 'own-line',
      paragraphs: [
        '11月5日起，市区集中供暖管网开始注水试运行，比往年提前十天。',
        '市城管局介绍，今年全市新增供暖面积一百二十万平方米，完成老旧管网改造三十八公里。试运行期间，供热企业将安排专人巡检，居民发现跑冒滴漏可拨打供热服务热线。',
        '正式供暖时间为11月15日。'
      ],
      figures: []
    },
    {
      kind: 'photo',
      title: '银杏叶黄',
      byline: [],
      paragraphs: [],
      figures: [{ photo: { scene: 'field', seed: 1106, aspect: 4 / 3 }, caption: '初冬时节，云溪公园的银杏叶渐次变黄，吸引市民驻足拍照。', credit: { role: '记者', name: '沈佳' } }]
    },
    {
      kind: 'article',
      title: '全国秋粮收购进度过半',
      dateline: '新华社北京11月5日电',
      byline: [{ role: '记者', name: '王小禾' }],
      paragraphs: [
        '记者从有关部门获悉，截至目前，主产区各类粮食企业累计收购秋粮过半，收购进度快于上年同期。',
        '各地粮食部门加强收购组织，引导多元主体积极入市，切实保护种粮农民利益。'
      ],
      figures: []
    },
    {
      kind: 'article',
      kicker: '一线见闻',
      title: '小小螺丝钉拧出百亿产业链',
      subtitle: '云溪紧固件产业集群见闻',
      byline: [{ role: '记者', name: '周航' }, { role: '通讯员', name: '葛蕾' }],
      bylineStyle: 'own-line',
      paragraphs: [
        '走进位于桥南镇的一家紧固件企业生产车间，一排排冷镦机高速运转，一根根钢丝被截断、镦压、搓丝，几秒钟就变成了一颗颗规格统一的螺丝。',
        '“这条生产线去年完成了智能化改造，用工减少了一半，产品合格率提高到百分之九十九点八。”企业负责人告诉记者，公司的产品已进入新能源汽车和风电装备的配套体系。',
        '桥南镇是远近闻名的“紧固件之乡”，聚集了相关企业四百余家，从原材料、模具到热处理、表面处理，形成了完整的产业链，去年产值突破一百亿元。',
        '镇里建设的产业公共服务平台，为中小企业提供检测认证、技术培训和电商对接服务，带动一批小作坊成长为“专精特新”企业。'
      ],
      figures: [{ photo: { scene: 'hall', seed: 1107, aspect: 1.4 }, caption: '工人在智能化生产线上检查产品质量。', credit: { role: '通讯员', name: '葛蕾' } }]
    },
    {
      kind: 'article',
      title: '云溪港十月集装箱吞吐量创新高',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '许光明' }],
      paragraphs: [
        '记者从云溪港务集团获悉，10月份云溪港完成集装箱吞吐量十八点六万标箱，同比增长百分之十二点四，创单月历史新高。',
        '今年以来，云溪港新开通内贸航线三条，海铁联运班列每周增至十二列。'
      ],
      figures: []
    },
    {
      kind: 'article',
      title: '“数字乡村”让特产卖得更远',
      dateline: '本报讯',
      byline: [{ role: '通讯员', name: '方圆' }, { role: '记者', name: '周航' }],
      paragraphs: [
        '在西岭村的直播间里，返乡青年小唐正向网友介绍刚采摘的猕猴桃。一场直播下来，订单超过两千单。',
        '近年来，我市推进数字乡村建设，建成村级电商服务站一百八十个，培训农村电商人才三千余人次，带动农产品网络销售额年均增长三成以上。',
        '下一步，将加快冷链物流设施建设，让更多山区特产走出大山。'
      ],
      figures: []
    },
    {
      kind: 'article',
      title: '十二所中小学食堂完成“明厨亮灶”改造',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '程雪' }],
      paragraphs: [
        '近日，云溪区第二实验小学食堂的后厨操作间装上了高清摄像头，家长通过手机就能实时查看饭菜制作过程。',
        '今年，云溪区投入专项资金六百万元，对十二所中小学校食堂实施“明厨亮灶”改造，同步建立食材溯源和陪餐制度。',
        '区教育局表示，明年将实现全区中小学食堂改造全覆盖。'
      ],
      figures: []
    },
    {
      kind: 'photo',
      title: '秋日湿地',
      byline: [],
      paragraphs: [],
      figures: [{ photo: { scene: 'river', seed: 1108, aspect: 1.1 }, caption: '云溪湿地公园芦花飞舞，候鸟陆续飞抵越冬。', credit: { role: '通讯员', name: '邵峰' } }]
    },
    {
      kind: 'article',
      title: '运河边的老茶馆',
      byline: [{ role: '记者', name: '程雪' }],
      bylineStyle: 'own-line',
      paragraphs: [
        '老街的尽头，是一家开了四十多年的茶馆。青砖黛瓦，木门木窗，门口挂着一块褪了色的招牌。',
        '每天清晨六点，茶馆就开门了。老茶客们提着鸟笼、揣着收音机陆续进门，一壶茶、一碟瓜子，从家长里短聊到天南海北。',
        '茶馆的主人老周今年六十八岁，从父亲手里接过这份营生。他说，茶钱这些年几乎没涨过，“来的都是老街坊，图个热闹”。',
        '去年老街改造，茶馆的老桌椅被原样保留了下来。如今，这里成了不少年轻人打卡的地方，老茶馆也有了新客人。'
      ],
      figures: [{ photo: { scene: 'city', seed: 1109, aspect: 1.2 }, caption: '老茶馆里，茶客们在聊天。', credit: { role: '记者', name: '程雪' } }]
    },
    {
      kind: 'article',
      title: '云溪区第三届市民文化节闭幕',
      dateline: '本报讯',
      byline: [{ role: '记者', name: '沈佳' }, { role: '实习生', name: '何田' }],
      paragraphs: [
        '11月4日晚，云溪区第三届市民文化节在区文化中心闭幕。本届文化节历时两个月，共举办文艺演出、展览和比赛等活动一百二十余场，线上线下参与群众超过三十万人次。',
        '闭幕式上，还为市民文化节各项赛事的获奖者颁发了证书。'
      ],
      figures: []
    }
  ],
  pages: [
    {
      number: 1,
      name: '要闻',
      editors: ['责任编辑：邹平', '校对：陆青'],
      body: {
        stack: [
          { row: [{ span: 4, item: 0, part: 0, textCols: 3, titleSize: 26 }, { span: 2, item: 1, textCols: 1, titleSize: 16 }] },
          { row: [{ span: 3, item: 2, textCols: 1 }, { span: 3, stack: [{ item: 3, textCols: 2, titleSize: 16 }, { ad: { label: '公益广告', slogan: ['文明出行', '礼让斑马线'], small: '云溪市交通运输局' } }] }] }
        ]
      }
    },
    {
      number: 2,
      name: '经济',
      editors: ['责任编辑：卢江', '校对：陆青'],
      body: {
        stack: [
          { row: [{ span: 4, item: 4, textCols: 3, titleSize: 24, align: 'left' }, { span: 2, stack: [{ item: 5, textCols: 1, titleSize: 16 }, { item: 6, textCols: 1, titleSize: 16 }] }] }
        ]
      }
    },
    {
      number: 3,
      name: '综合',
      editors: ['责任编辑：邹平', '校对：孙蕾'],
      body: {
        stack: [
          { row: [{ span: 3, item: 0, part: 1, textCols: 2, titleSize: 18 }, { span: 3, item: 7, textCols: 2, titleSize: 18 }] },
          { row: [{ span: 4, item: 8, textCols: 1 }, { span: 2, ad: { slogan: ['节约粮食', '光盘行动'] } }] }
        ]
      }
    },
    {
      number: 4,
      name: '副刊',
      editors: ['责任编辑：林溪', '校对：孙蕾'],
      body: {
        stack: [
          { row: [{ span: 4, item: 9, textCols: 3, titleSize: 22 }, { span: 2, stack: [{ item: 10, textCols: 1, titleSize: 15 }, { ad: { label: '公益广告', slogan: ['垃圾分类', '从我做起'] } }] }] }
        ]
      }
    }
  ]
}
