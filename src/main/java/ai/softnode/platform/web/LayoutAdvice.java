package ai.softnode.platform.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import ai.softnode.platform.NavItem;
import jakarta.servlet.http.HttpServletRequest;

/** Gives every page the navigation contributed by the modules and the current path. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutAdvice {

	private final List<NavItem> navItems;

	LayoutAdvice(List<NavItem> navItems) {
		this.navItems = navItems.stream().sorted(Comparator.comparingInt(NavItem::order)).toList();
	}

	@ModelAttribute("navItems")
	List<NavItem> navItems() {
		return this.navItems;
	}

	@ModelAttribute("requestPath")
	String requestPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

}
