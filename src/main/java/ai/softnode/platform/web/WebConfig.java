package ai.softnode.platform.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import ai.softnode.platform.TenantDirectory;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	static {
		// The tenant comes from the API key, never from the request: keep it out of the API documentation.
		org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(ai.softnode.platform.Tenant.class);
	}

	private final ObjectProvider<TenantDirectory> directory;

	WebConfig(ObjectProvider<TenantDirectory> directory) {
		this.directory = directory;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new TenantArgumentResolver(this.directory.getObject()));
	}

}
