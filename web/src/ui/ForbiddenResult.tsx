import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export function ForbiddenResult() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色没有访问此页面的权限，如有需要请联系安全管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
